using System.Text;
using LandQuality.Data;

namespace LandQuality.Documents.ProgressReports;

/// <summary>A progress report's lines as CSV (the totals first, then the communes in rank order), for a spreadsheet.</summary>
public static class ProgressCsv
{
    public static string Write(ProgressReport report)
    {
        var csv = new StringBuilder("rank,code,name,parcels,verified,verified_percent,change_points,failing_correct,failing_sufficient,failing_clean,failing_alive,open_cases,");
        csv.AppendJoin(',', report.Stages.Select(s => CsvExport.Cell("open: " + s))).Append(",overdue,closed_this_week\n");
        foreach (var line in report.Communes.Prepend(report.Totals))
        {
            string[] cells = [line.Rank ?? "", line.Code, line.Name, line.Parcels, line.Verified, line.VerifiedPercent, line.Change ?? "", line.FailingCorrect,
                line.FailingSufficient, line.FailingClean, line.FailingAlive, line.OpenCases, .. line.OpenByStage, line.Overdue, line.ClosedThisWeek];
            csv.AppendJoin(',', cells.Select(CsvExport.Cell)).Append('\n');
        }
        return csv.ToString();
    }
}
