using System.Globalization;
using LandQuality.Progress;

namespace LandQuality.Web.Pages.Dashboard;

/// <summary>
/// The share of parcels verified per day, drawn on the server with ScottPlot as SVG: served from this site
/// (an &lt;img&gt;, so the page's CSP holds) with no script, font or stylesheet fetched from anywhere.
/// </summary>
public static class ProgressChart
{
    public static string Svg(IReadOnlyList<ProgressDay> days, string title, string yLabel, int width = 720, int height = 300)
    {
        var plot = new ScottPlot.Plot();
        if (days.Count > 0)
        {
            var line = plot.Add.Scatter(days.Select(d => d.Day.ToDateTime(TimeOnly.MinValue)).ToArray(),
                days.Select(d => Math.Round(d.VerifiedShare * 100, 2)).ToArray());
            line.LineWidth = 2;
            line.MarkerSize = 5;
        }
        var axis = plot.Axes.DateTimeTicksBottom();
        if (axis.TickGenerator is ScottPlot.TickGenerators.DateTimeAutomatic ticks)
            ticks.LabelFormatter = d => d.ToString("dd/MM", CultureInfo.InvariantCulture);
        if (days.Count == 1)
            plot.Axes.SetLimitsX(days[0].Day.AddDays(-1).ToDateTime(TimeOnly.MinValue).ToOADate(), days[0].Day.AddDays(1).ToDateTime(TimeOnly.MinValue).ToOADate());
        plot.Axes.SetLimitsY(0, 100);
        plot.Title(title);
        plot.YLabel(yLabel);
        return plot.GetSvgXml(width, height);
    }
}
