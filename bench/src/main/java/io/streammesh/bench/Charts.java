package io.streammesh.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;

/** The ratios chart written next to results.json: each workload's median ratio to the pass-through and to its peer. */
final class Charts {

    private Charts() {
    }

    static Path ratios(Results results, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<String> names = new ArrayList<>();
        List<Double> toPass = new ArrayList<>();
        List<Double> toPeer = new ArrayList<>();
        for (Results.Summary s : results.summary()) {
            if (s.workload().equals("pass-through")) {
                continue;
            }
            names.add(s.workload());
            toPass.add(s.medianRatioToPassThrough() == null ? 0.0 : s.medianRatioToPassThrough());
            toPeer.add(s.medianRatioToPeer() == null ? 0.0 : s.medianRatioToPeer());
        }
        CategoryChart chart = new CategoryChartBuilder().width(1100).height(520)
                .title("Median ratios over " + results.rounds() + " round(s), " + results.mode() + " run (" + results.machine() + ")")
                .xAxisTitle("workload").yAxisTitle("ratio (same round)").build();
        chart.getStyler().setXAxisLabelRotation(20);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setDecimalPattern("0.00");
        chart.getStyler().setLegendPosition(org.knowm.xchart.style.Styler.LegendPosition.InsideNE);
        chart.addSeries("records/s / pass-through", names, toPass);
        chart.addSeries("records/s / hand-written peer (0 = no peer)", names, toPeer);
        Path file = dir.resolve("ratios.png");
        BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
        return file;
    }
}
