package com.mctb.stack.ops;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws the dashboard's panels, with the data Prometheus answered for their queries, as one PNG in the look of
 * Grafana's dark theme: the same grid (24 columns), titles, time axes, legends, stat and bar-gauge panels.
 */
public final class DashboardImage {

    /** What one legend entry shows: its name and its samples (epoch seconds); one sample for stat and bar gauge. */
    public record Line(String name, double[] times, double[] values) {
    }

    /** A panel of the dashboard and what its queries returned. */
    public record PanelData(Dashboard.Panel panel, List<Line> lines) {
    }

    private static final Color BACKGROUND = new Color(0x111217);
    private static final Color PANEL = new Color(0x181b1f);
    private static final Color BORDER = new Color(0x2b2e34);
    private static final Color TEXT = new Color(0xccccdc);
    private static final Color MUTED = new Color(0x8e8e9e);
    private static final Color GRID = new Color(0x25282e);
    /** Grafana's classic palette. */
    private static final Color[] PALETTE = {new Color(0x73BF69), new Color(0xF2CC0C), new Color(0x8AB8FF),
            new Color(0xFF780A), new Color(0xF2495C), new Color(0x5794F2), new Color(0xB877D9), new Color(0x96D98D),
            new Color(0xFADE2A), new Color(0x6ED0E0), new Color(0xFF9830), new Color(0xCA95E5)};
    private static final int WIDTH = 1920;
    private static final int MARGIN = 16;
    private static final int GAP = 8;
    private static final int CELL = 30;
    private static final int HEADER = 64;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final Font title = new Font(Font.SANS_SERIF, Font.BOLD, 14);
    private final Font small = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private final Font legend = new Font(Font.SANS_SERIF, Font.PLAIN, 12);

    private DashboardImage() {
    }

    /** Renders the panels between {@code from} and {@code to} (epoch seconds) to {@code png}. */
    public static void write(String dashboardTitle, String subtitle, List<PanelData> panels, double from, double to,
            Path png) {
        new DashboardImage().render(dashboardTitle, subtitle, panels, from, to, png);
    }

    private void render(String dashboardTitle, String subtitle, List<PanelData> panels, double from, double to, Path png) {
        int rows = panels.stream().mapToInt(p -> p.panel().y() + p.panel().h()).max().orElse(1);
        int height = HEADER + rows * (CELL + GAP) + MARGIN;
        BufferedImage image = new BufferedImage(WIDTH, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(BACKGROUND);
        g.fillRect(0, 0, WIDTH, height);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 20));
        g.setColor(TEXT);
        g.drawString(dashboardTitle, MARGIN, 32);
        g.setFont(small);
        g.setColor(MUTED);
        g.drawString(subtitle, MARGIN, 52);
        String range = CLOCK.format(Instant.ofEpochSecond((long) from)) + " to " + CLOCK.format(Instant.ofEpochSecond((long) to))
                + " UTC";
        g.setFont(legend);
        g.drawString(range, WIDTH - MARGIN - g.getFontMetrics().stringWidth(range), 32);

        double unit = (WIDTH - 2.0 * MARGIN + GAP) / 24;
        for (PanelData data : panels) {
            Dashboard.Panel p = data.panel();
            int x = (int) Math.round(MARGIN + p.x() * unit);
            int y = HEADER + p.y() * (CELL + GAP);
            int w = (int) Math.round(p.w() * unit) - GAP;
            int h = p.h() * (CELL + GAP) - GAP;
            if (p.type().equals("row")) {
                g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
                g.setColor(TEXT);
                g.drawString("\u25BE " + p.title(), x, y + 22);
                continue;
            }
            Shape box = new RoundRectangle2D.Double(x, y, w, h, 6, 6);
            g.setColor(PANEL);
            g.fill(box);
            g.setColor(BORDER);
            g.draw(box);
            g.setFont(title);
            g.setColor(TEXT);
            g.drawString(fit(g, p.title(), w - 16), x + 10, y + 20);
            Graphics2D inside = (Graphics2D) g.create(x + 1, y + 30, w - 2, h - 31);
            switch (p.type()) {
                case "stat" -> stat(inside, data, w - 2, h - 31);
                case "bargauge" -> barGauge(inside, data, w - 2, h - 31);
                default -> timeSeries(inside, data, w - 2, h - 31, from, to);
            }
            inside.dispose();
        }
        g.dispose();
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
            ImageIO.write(image, "png", png.toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot write " + png + ": " + e.getMessage(), e);
        }
    }

    private void stat(Graphics2D g, PanelData data, int w, int h) {
        double value = data.lines().isEmpty() ? Double.NaN : last(data.lines().get(0).values());
        String text = Double.isNaN(value) ? "No data" : format(value, data.panel().unit());
        Color color = Double.isNaN(value) ? MUTED : thresholdColor(data.panel().thresholds(), value);
        int size = Math.min(48, h - 16);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, size));
        FontMetrics m = g.getFontMetrics();
        g.setColor(color);
        g.drawString(text, (w - m.stringWidth(text)) / 2, (h + m.getAscent()) / 2 - 6);
    }

    private void barGauge(Graphics2D g, PanelData data, int w, int h) {
        List<Line> lines = data.lines();
        if (lines.isEmpty()) {
            noData(g, w, h);
            return;
        }
        double max = lines.stream().mapToDouble(l -> last(l.values())).filter(v -> !Double.isNaN(v)).max().orElse(1);
        int rowHeight = Math.min(44, (h - 12) / lines.size());
        g.setFont(legend);
        int labelWidth = lines.stream().mapToInt(l -> g.getFontMetrics().stringWidth(l.name())).max().orElse(0) + 16;
        int valueWidth = 70;
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            double v = last(l.values());
            int top = 6 + i * rowHeight;
            int barHeight = rowHeight - 10;
            g.setColor(TEXT);
            g.drawString(l.name(), 12, top + barHeight / 2 + 5);
            int barX = 12 + labelWidth;
            int barWidth = w - barX - valueWidth - 12;
            g.setColor(new Color(0x22252b));
            g.fillRect(barX, top, barWidth, barHeight);
            Color c = PALETTE[i % PALETTE.length];
            int filled = Double.isNaN(v) || max <= 0 ? 0 : (int) Math.round(barWidth * v / max);
            g.setPaint(new GradientPaint(barX, 0, c.darker().darker(), barX + Math.max(1, filled), 0, c));
            g.fillRect(barX, top, filled, barHeight);
            g.setColor(c);
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
            String text = Double.isNaN(v) ? "\u2013" : format(v, data.panel().unit());
            g.drawString(text, barX + barWidth + 10, top + barHeight / 2 + 6);
            g.setFont(legend);
        }
    }

    private void timeSeries(Graphics2D g, PanelData data, int w, int h, double from, double to) {
        List<Line> lines = data.lines();
        g.setFont(legend);
        FontMetrics lm = g.getFontMetrics();
        // Legend below the plot, as many rows as it needs.
        int legendRows = 1;
        int cursor = 0;
        for (Line l : lines) {
            int width = 22 + lm.stringWidth(l.name()) + 16;
            if (cursor + width > w - 16 && cursor > 0) {
                legendRows++;
                cursor = 0;
            }
            cursor += width;
        }
        int legendHeight = lines.isEmpty() ? 0 : legendRows * 18 + 4;
        int left = 56;
        int right = w - 12;
        int top = 6;
        int bottom = h - legendHeight - 22;
        double max = 0;
        for (Line l : lines) {
            for (double v : l.values()) {
                if (!Double.isNaN(v) && !Double.isInfinite(v)) {
                    max = Math.max(max, v);
                }
            }
        }
        double step = niceStep(max <= 0 ? 1 : max / 4);
        double topValue = Math.max(step, Math.ceil(max / step) * step);
        g.setFont(small);
        FontMetrics sm = g.getFontMetrics();
        for (double v = 0; v <= topValue + step / 2; v += step) {
            int y = (int) Math.round(bottom - (bottom - top) * v / topValue);
            g.setColor(GRID);
            g.drawLine(left, y, right, y);
            g.setColor(MUTED);
            String label = format(v, data.panel().unit());
            g.drawString(label, left - 6 - sm.stringWidth(label), y + 4);
        }
        double span = to - from;
        double tick = span <= 180 ? 30 : span <= 600 ? 60 : span <= 1800 ? 300 : 600;
        for (double t = Math.ceil(from / tick) * tick; t <= to; t += tick) {
            int x = (int) Math.round(left + (right - left) * (t - from) / span);
            g.setColor(GRID);
            g.drawLine(x, top, x, bottom);
            g.setColor(MUTED);
            String label = CLOCK.format(Instant.ofEpochSecond((long) t));
            g.drawString(label, x - sm.stringWidth(label) / 2, bottom + 15);
        }
        if (lines.isEmpty()) {
            noData(g, w, bottom);
            return;
        }
        Graphics2D plot = (Graphics2D) g.create();
        plot.clipRect(left, top - 2, right - left + 1, bottom - top + 4);
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            Color c = PALETTE[i % PALETTE.length];
            Path2D.Double path = new Path2D.Double();
            Path2D.Double area = new Path2D.Double();
            boolean drawing = false;
            double firstX = 0;
            double lastX = 0;
            for (int k = 0; k < l.times().length; k++) {
                double v = l.values()[k];
                double x = left + (right - left) * (l.times()[k] - from) / span;
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    if (drawing) {
                        area.lineTo(lastX, bottom);
                        area.lineTo(firstX, bottom);
                        area.closePath();
                    }
                    drawing = false;
                    continue;
                }
                double y = bottom - (bottom - top) * v / topValue;
                if (!drawing) {
                    path.moveTo(x, y);
                    area.moveTo(x, bottom);
                    area.lineTo(x, y);
                    firstX = x;
                    drawing = true;
                } else {
                    path.lineTo(x, y);
                    area.lineTo(x, y);
                }
                lastX = x;
            }
            if (drawing) {
                area.lineTo(lastX, bottom);
                area.lineTo(firstX, bottom);
                area.closePath();
            }
            plot.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), 26));
            plot.fill(area);
            plot.setColor(c);
            plot.setStroke(new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            plot.draw(path);
        }
        plot.dispose();
        g.setFont(legend);
        int lx = 16;
        int ly = bottom + 22 + 14;
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            int width = 22 + lm.stringWidth(l.name()) + 16;
            if (lx + width > w - 16 && lx > 16) {
                lx = 16;
                ly += 18;
            }
            g.setColor(PALETTE[i % PALETTE.length]);
            g.fillRoundRect(lx, ly - 6, 14, 4, 2, 2);
            g.setColor(TEXT);
            g.drawString(l.name(), lx + 20, ly);
            lx += width;
        }
    }

    /** The colour of the highest threshold at or below {@code value} (Grafana's named colours). */
    private static Color thresholdColor(List<Dashboard.Threshold> thresholds, double value) {
        String name = "green";
        for (Dashboard.Threshold t : thresholds) {
            if (value >= t.value()) {
                name = t.color();
            }
        }
        return switch (name) {
            case "red" -> PALETTE[4];
            case "orange" -> PALETTE[3];
            case "yellow" -> PALETTE[1];
            case "blue" -> PALETTE[2];
            case "purple" -> PALETTE[6];
            default -> PALETTE[0];
        };
    }

    private void noData(Graphics2D g, int w, int h) {
        g.setFont(legend);
        g.setColor(MUTED);
        g.drawString("No data", (w - g.getFontMetrics().stringWidth("No data")) / 2, h / 2);
    }

    private static double last(double[] values) {
        for (int i = values.length - 1; i >= 0; i--) {
            if (!Double.isNaN(values[i])) {
                return values[i];
            }
        }
        return Double.NaN;
    }

    private static double niceStep(double raw) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double normalized = raw / magnitude;
        double nice = normalized <= 1 ? 1 : normalized <= 2 ? 2 : normalized <= 2.5 ? 2.5 : normalized <= 5 ? 5 : 10;
        return nice * magnitude;
    }

    /** Grafana's units: s (seconds, shown as ms below 1 s), reqps (per second), short. */
    static String format(double v, String unit) {
        if (unit.equals("s")) {
            if (v == 0) {
                return "0 s";
            }
            return v < 1 ? trim(v * 1000) + " ms" : trim(v) + " s";
        }
        String number = Math.abs(v) >= 1_000_000 ? trim(v / 1_000_000) + " M" : Math.abs(v) >= 1_000 ? trim(v / 1_000) + " K"
                : Math.abs(v) >= 10 ? String.format(Locale.ROOT, "%.0f", v) : trim(v);
        return unit.equals("reqps") ? number + "/s" : number;
    }

    private static String trim(double v) {
        if (v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        String s = Math.abs(v) >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
        return s.contains(".") ? s.replaceAll("0+$", "").replaceAll("\\.$", "") : s;
    }

    private static String fit(Graphics2D g, String text, int width) {
        FontMetrics m = g.getFontMetrics();
        if (m.stringWidth(text) <= width) {
            return text;
        }
        while (text.length() > 1 && m.stringWidth(text + "\u2026") > width) {
            text = text.substring(0, text.length() - 1);
        }
        return text + "\u2026";
    }
}
