package dev.layerbench.results;

import java.awt.BasicStroke;
import java.util.function.Predicate;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A chart against the container count N on log-log axes, one line with points per series, in the house style
 * ({@link Plots#style}); the series a predicate names are dashed (e.g. {@code shared-kernel}, which lies on
 * {@code shared}'s line). The one chart writer behind {@code layout --chart}, {@code layout --memory-chart} and
 * results/memory's charts; {@link Plots#writePng} writes it.
 */
public final class LogLogChart {

    private static final BasicStroke SOLID = new BasicStroke(2f);
    private static final BasicStroke DASHED =
            new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f, new float[] {8f, 6f}, 0f);

    private LogLogChart() {}

    /**
     * The chart of {@code data} titled {@code title}; {@code legendAxis} labels the value axis as the chart factory
     * makes it, {@code yAxis} the logarithmic axis that replaces it; {@code dashed} picks series by key.
     */
    public static JFreeChart of(
            XYSeriesCollection data, String title, String legendAxis, String yAxis, Predicate<String> dashed) {
        JFreeChart chart = ChartFactory.createXYLineChart(
                title, "containers (N)", legendAxis, data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        LogarithmicAxis x = new LogarithmicAxis("containers (N)");
        x.setAllowNegativesFlag(false);
        LogarithmicAxis y = new LogarithmicAxis(yAxis);
        y.setAllowNegativesFlag(false);
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        Plots.style(plot);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < data.getSeriesCount(); i++) {
            renderer.setSeriesStroke(i, dashed.test(data.getSeriesKey(i).toString()) ? DASHED : SOLID);
        }
        plot.setRenderer(renderer);
        return chart;
    }
}
