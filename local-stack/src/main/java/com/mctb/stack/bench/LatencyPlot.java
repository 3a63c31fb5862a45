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
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Latency against rate as a PNG: speed-to-lead p50/p99 of the product and of the bare two-hop Kafka relay on the
 * same machine, log-log. Drawn with Java2D so the benchmark needs nothing beyond the JDK.
 */
public final class LatencyPlot {

    private static final int W = 900;
    private static final int H = 560;
    private static final int LEFT = 80;
    private static final int RIGHT = 40;
    private static final int TOP = 60;
    private static final int BOTTOM = 70;

    private LatencyPlot() {
    }

    /** @param series name → points (rate, latency ms) */
    public static void write(Path file, String title, Map<String, List<double[]>> series, Map<String, Color> colours)
            throws IOException {
        BufferedImage image = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, W, H);
        double xMin = Double.MAX_VALUE, xMax = 0, yMin = Double.MAX_VALUE, yMax = 0;
        for (List<double[]> points : series.values()) {
            for (double[] p : points) {
                if (p[1] > 0 && !Double.isNaN(p[1])) {
                    xMin = Math.min(xMin, p[0]);
                    xMax = Math.max(xMax, p[0]);
                    yMin = Math.min(yMin, p[1]);
                    yMax = Math.max(yMax, p[1]);
                }
            }
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
        int legendY = TOP + 18;
        for (Map.Entry<String, List<double[]>> s : series.entrySet()) {
            Color colour = colours.getOrDefault(s.getKey(), Color.BLUE);
            g.setColor(colour);
            boolean dashed = s.getKey().contains("relay");
            g.setStroke(dashed ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {6f, 4f}, 0f)
                    : new BasicStroke(2.5f));
            int px = -1, py = -1;
            for (double[] p : s.getValue()) {
                if (p[1] <= 0 || Double.isNaN(p[1])) {
                    continue;
                }
                int x = x(Math.log10(p[0]), lx0, lx1);
                int y = y(Math.log10(p[1]), ly0, ly1);
                g.fillOval(x - 4, y - 4, 8, 8);
                if (px >= 0) {
                    g.drawLine(px, py, x, y);
                }
                px = x;
                py = y;
            }
            g.drawLine(W - RIGHT - 230, legendY - 4, W - RIGHT - 200, legendY - 4);
            g.setColor(Color.BLACK);
            g.drawString(s.getKey(), W - RIGHT - 192, legendY);
            legendY += 18;
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
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
