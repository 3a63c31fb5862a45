package com.mctb.stack.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Latency against rate as a PNG: speed-to-lead p50/p99 of the product and of the bare two-hop Kafka relay on the
 * same machine, log-log, and an earlier run's curves lighter beside them. Drawn with Java2D so the benchmark needs
 * nothing beyond the JDK.
 */
public final class LatencyPlot {

    private static final int W = 900;
    private static final int H = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 40;
    private static final int TOP = 60;
    private static final int BOTTOM = 70;
    private static final int LEGEND_ROW = 18;

    private LatencyPlot() {
    }

    /** How a curve is drawn. */
    public enum Line {
        SOLID, DASHED, DOTTED
    }

    /**
     * One curve: its legend label, points (rate, latency ms), colour and line; a {@code light} one (an earlier run)
     * is drawn thinner in a paler colour.
     */
    public record Series(String label, List<double[]> points, Color colour, Line line, boolean light) {
    }

    public static void write(Path file, String title, List<Series> series) throws IOException {
        long current = series.stream().filter(s -> !s.light()).count();
        long rows = Math.max(current, series.size() - current);
        int height = H + (int) rows * LEGEND_ROW + 10;
        BufferedImage image = new BufferedImage(W, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, height);
        double xMin = Double.MAX_VALUE, xMax = 0, yMin = Double.MAX_VALUE, yMax = 0;
        for (Series s : series) {
            for (double[] p : s.points()) {
                if (p[1] > 0 && !Double.isNaN(p[1])) {
                    xMin = Math.min(xMin, p[0]);
                    xMax = Math.max(xMax, p[0]);
                    yMin = Math.min(yMin, p[1]);
                    yMax = Math.max(yMax, p[1]);
                }
            }
        }
        if (xMax == 0) { // nothing to draw: an empty decade
            xMin = 1;
            xMax = 10;
            yMin = 1;
            yMax = 10;
        }
        double lx0 = Math.floor(Math.log10(xMin)), lx1 = Math.ceil(Math.log10(xMax));
        double ly0 = Math.floor(Math.log10(yMin)), ly1 = Math.ceil(Math.log10(yMax));
        if (lx1 == lx0) {
            lx1++;
        }
        if (ly1 == ly0) {
            ly1++;
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, 30);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        // grid and axes
        for (double d = lx0; d <= lx1; d++) {
            for (int m = 1; m < 10; m++) {
                double v = Math.pow(10, d) * m;
                if (Math.log10(v) > lx1) {
                    break;
                }
                int x = x(Math.log10(v), lx0, lx1);
                g.setColor(m == 1 ? new Color(200, 200, 200) : new Color(235, 235, 235));
                g.drawLine(x, TOP, x, H - BOTTOM);
                if (m == 1 || m == 2 || m == 5) {
                    g.setColor(Color.DARK_GRAY);
                    g.drawString(format(v), x - 10, H - BOTTOM + 18);
                }
            }
        }
        for (double d = ly0; d <= ly1; d++) {
            for (int m = 1; m < 10; m++) {
                double v = Math.pow(10, d) * m;
                if (Math.log10(v) > ly1) {
                    break;
                }
                int y = y(Math.log10(v), ly0, ly1);
                g.setColor(m == 1 ? new Color(200, 200, 200) : new Color(235, 235, 235));
                g.drawLine(LEFT, y, W - RIGHT, y);
                if (m == 1 || m == 2 || m == 5) {
                    g.setColor(Color.DARK_GRAY);
                    g.drawString(format(v) + " ms", 8, y + 4);
                }
            }
        }
        g.setColor(Color.BLACK);
        g.drawRect(LEFT, TOP, W - LEFT - RIGHT, H - TOP - BOTTOM);
        g.drawString("missed calls per second", W / 2 - 60, H - 20);
        // The legend under the chart: this run's curves on the left, an earlier run's on the right.
        int[] legendY = {H + 4, H + 4};
        for (Series s : series) {
            g.setColor(s.light() ? paler(s.colour()) : s.colour());
            g.setStroke(stroke(s.line(), s.light() ? 1.5f : 2.5f));
            int px = -1, py = -1;
            int dot = s.light() ? 3 : 4;
            for (double[] p : s.points()) {
                if (p[1] <= 0 || Double.isNaN(p[1])) {
                    continue;
                }
                int x = x(Math.log10(p[0]), lx0, lx1);
                int y = y(Math.log10(p[1]), ly0, ly1);
                g.fillOval(x - dot, y - dot, 2 * dot, 2 * dot);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            int column = s.light() ? 1 : 0;
            int lx = column == 0 ? LEFT : W / 2 + 20;
            g.drawLine(lx, legendY[column] - 4, lx + 30, legendY[column] - 4);
            g.setColor(s.light() ? Color.GRAY : Color.BLACK);
            g.drawString(s.label(), lx + 38, legendY[column]);
            legendY[column] += LEGEND_ROW;
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static BasicStroke stroke(Line line, float width) {
        return switch (line) {
            case SOLID -> new BasicStroke(width);
            case DASHED -> new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f);
            case DOTTED -> new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 10f, new float[] {1f, 4f}, 0f);
        };
    }

    /** Halfway to white. */
    static Color paler(Color c) {
        return new Color((c.getRed() + 255) / 2, (c.getGreen() + 255) / 2, (c.getBlue() + 255) / 2);
    }

    private static int x(double lv, double l0, double l1) {
        return LEFT + (int) Math.round((lv - l0) / (l1 - l0) * (W - LEFT - RIGHT));
    }

    private static int y(double lv, double l0, double l1) {
        return H - BOTTOM - (int) Math.round((lv - l0) / (l1 - l0) * (H - TOP - BOTTOM));
    }

    private static String format(double v) {
        return v >= 1 ? String.format("%.0f", v) : String.format("%.1f", v);
    }
}
