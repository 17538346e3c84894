package io.caravan.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One chart of a report: a title, the series and the axes, turned into a Chart.js configuration object
 * ({@code type}, {@code data}, {@code options}) that the report inlines as JSON. Bars or lines over category labels,
 * or lines over a numeric x axis; a ratio can be drawn as a line on a second axis at the right. Built by one thread,
 * then read only.
 */
public final class Chart {

    /** The id of the second y axis, for ratios (Chart.js links a dataset to an axis by {@code yAxisID}). */
    private static final String RATIO_AXIS = "ratio";
    /**
     * The colours of the series in turn (red, green, blue): Chart.js's own default palette (its Colors plugin), then
     * five darker ones, as the CPU chart has up to ten thread groups. Set here, not left to the plugin, because a
     * dashed companion series takes the colour of the series before it.
     */
    private static final List<int[]> PALETTE = List.of(new int[] {54, 162, 235}, new int[] {255, 99, 132},
            new int[] {255, 159, 64}, new int[] {255, 205, 86}, new int[] {75, 192, 192}, new int[] {153, 102, 255},
            new int[] {201, 203, 207}, new int[] {31, 78, 121}, new int[] {140, 86, 75}, new int[] {44, 160, 44},
            new int[] {188, 128, 189}, new int[] {90, 90, 90});

    private final String title;
    private final String type;
    private final List<String> labels = new ArrayList<>();
    private final List<Map<String, Object>> datasets = new ArrayList<>();
    private final Map<String, Object> xAxis = new LinkedHashMap<>();
    private final Map<String, Object> yAxis = new LinkedHashMap<>();
    private final Map<String, Object> ratioAxis = new LinkedHashMap<>();
    private boolean horizontal;
    private boolean pointMarkers = true;
    private int colours;

    private Chart(String title, String type) {
        this.title = title;
        this.type = type;
    }

    /** Bars over category labels; several series make grouped bars. */
    public static Chart bars(String title) {
        return new Chart(title, "bar");
    }

    /** Lines over category labels, or over a numeric x axis when the series are {@link #points}. */
    public static Chart lines(String title) {
        return new Chart(title, "line");
    }

    public String title() {
        return title;
    }

    /** The categories along the x axis (the y axis of horizontal bars). */
    public Chart labels(List<String> categories) {
        labels.addAll(categories);
        return this;
    }

    /** A series with one value per label; a {@code null} value is left out (a gap). */
    public Chart series(String label, List<? extends Number> values) {
        datasets.add(dataset(label, values));
        return this;
    }

    /**
     * A line of {@code (x, y)} points on a numeric x axis that starts at zero; points whose y is {@code null} are left
     * out. A dashed line is a second figure of the series before it (a p99 after its p50) and takes its colour.
     */
    public Chart points(String label, List<? extends Number> x, List<? extends Number> y, boolean dashed) {
        if (x.size() != y.size()) {
            throw new IllegalArgumentException("x and y differ in length: " + x.size() + " and " + y.size());
        }
        List<Map<String, Number>> data = new ArrayList<>();
        for (int i = 0; i < x.size(); i++) {
            if (y.get(i) != null) {
                data.add(Map.of("x", x.get(i), "y", y.get(i)));
            }
        }
        Map<String, Object> dataset = dashed ? dataset(label, data, colours - 1) : dataset(label, data);
        if (dashed) {
            dataset.put("borderDash", List.of(6, 4));
        }
        datasets.add(dataset);
        xAxis.put("type", "linear");
        xAxis.put("min", 0);
        return this;
    }

    /** A ratio with one value per label, drawn as a line on a second axis at the right, titled {@code axisTitle}. */
    public Chart ratioLine(String label, List<? extends Number> values, String axisTitle) {
        Map<String, Object> dataset = dataset(label, values);
        dataset.put("type", "line");
        dataset.put("yAxisID", RATIO_AXIS);
        datasets.add(dataset);
        ratioAxis.put("position", "right");
        ratioAxis.put("beginAtZero", true);
        ratioAxis.put("title", axisTitle(axisTitle));
        // the left axis's grid is enough; two grids over one plot are hard to read
        ratioAxis.put("grid", Map.of("drawOnChartArea", false));
        return this;
    }

    /** The title of the category (or numeric) axis. */
    public Chart xTitle(String text) {
        xAxis.put("title", axisTitle(text));
        return this;
    }

    /** The title of the value axis. */
    public Chart yTitle(String text) {
        yAxis.put("title", axisTitle(text));
        return this;
    }

    /** Fixes the value axis to {@code [min, max]}, so that, for example, scores are read against 0 and 1. */
    public Chart yRange(double min, double max) {
        yAxis.put("min", min);
        yAxis.put("max", max);
        return this;
    }

    /** Starts the value axis at zero, so bars and lines of different heights compare by their lengths. */
    public Chart fromZero() {
        yAxis.put("beginAtZero", true);
        return this;
    }

    /** Stacks the series: the bars of one category add up to its total. */
    public Chart stacked() {
        xAxis.put("stacked", true);
        yAxis.put("stacked", true);
        return this;
    }

    /** Lines without a marker at each point: a curve of a hundred percentiles reads better as a plain line. */
    public Chart withoutPointMarkers() {
        pointMarkers = false;
        return this;
    }

    /** Horizontal bars: the categories go down the y axis, the values along the x axis. */
    public Chart horizontal() {
        horizontal = true;
        return this;
    }

    /** The Chart.js configuration: {@code {type, data: {labels, datasets}, options}}. */
    public Map<String, Object> config() {
        Map<String, Object> data = new LinkedHashMap<>();
        if (!labels.isEmpty()) {
            data.put("labels", labels);
        }
        data.put("datasets", datasets);

        Map<String, Object> options = new LinkedHashMap<>();
        // the report is read, not watched: no animation, and a chart is complete as soon as it is drawn
        options.put("animation", false);
        // the chart fills its container, whose height the report's style sheet sets
        options.put("maintainAspectRatio", false);
        if (horizontal) {
            options.put("indexAxis", "y");
        }
        if (!pointMarkers) {
            options.put("elements", Map.of("point", Map.of("radius", 0)));
        }
        Map<String, Object> plugins = new LinkedHashMap<>();
        plugins.put("title", Map.of("display", true, "text", title));
        options.put("plugins", plugins);
        options.put("interaction", Map.of("mode", "index", "intersect", false));
        Map<String, Object> scales = new LinkedHashMap<>();
        // a horizontal chart's categories are on y: the axes' roles swap, their titles with them
        scales.put(horizontal ? "y" : "x", xAxis);
        scales.put(horizontal ? "x" : "y", yAxis);
        if (!ratioAxis.isEmpty()) {
            scales.put(RATIO_AXIS, ratioAxis);
        }
        options.put("scales", scales);

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("type", type);
        config.put("data", data);
        config.put("options", options);
        return config;
    }

    /** A dataset in the next colour of the palette. */
    private Map<String, Object> dataset(String label, List<?> values) {
        return dataset(label, values, colours++);
    }

    /** A dataset in the colour {@code colour} of the palette: the line or outline solid, the area half seen through. */
    private static Map<String, Object> dataset(String label, List<?> values, int colour) {
        int[] rgb = PALETTE.get(Math.max(0, colour) % PALETTE.size());
        Map<String, Object> dataset = new LinkedHashMap<>();
        dataset.put("label", label);
        dataset.put("data", new ArrayList<>(values));
        dataset.put("borderColor", String.format(Locale.ROOT, "rgb(%d, %d, %d)", rgb[0], rgb[1], rgb[2]));
        dataset.put("backgroundColor", String.format(Locale.ROOT, "rgba(%d, %d, %d, 0.5)", rgb[0], rgb[1], rgb[2]));
        return dataset;
    }

    private static Map<String, Object> axisTitle(String text) {
        return Map.of("display", true, "text", text);
    }
}
