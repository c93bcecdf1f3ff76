using System.Globalization;
using LandQuality.Data;
using LandQuality.Review.Cases;
using LandQuality.Rules.Runs;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary>
/// What follows an import (<c>lq import</c>, the demo's second export): the parcels it changed evaluated
/// (<c>lq evaluate --changed</c>), cases closed for those now clean (the run does it, as a full run would) and opened
/// for those now failing (<c>lq cases open</c>, for that run's parcels only).
/// </summary>
static class ChangedEvaluation
{
    public sealed record Outcome(EvaluationSummary Summary, long CasesOpened, long CasesClosed);

    public static async Task<Outcome> RunAsync(Database database, CancellationToken ct)
    {
        var summary = await new EvaluationRunner(database).RunAsync(new EvaluationRequest(CliDatabase.ImportedBy, ChangedOnly: true), null, ct);
        var opened = await new CaseOpener(database).OpenAsync(CliDatabase.ImportedBy, ct, onlyRun: summary.RunId);
        // Closed inside the run, by CaseCloser: each as verified by the system, naming the run.
        await using var cmd = database.DataSource.CreateCommand("""
            SELECT count(*) FROM review_cases c
            WHERE c.status = 'Verified' AND c.closed_at >= (SELECT started_at FROM evaluation_runs WHERE id = $1)
              AND EXISTS (SELECT 1 FROM parcel_status s WHERE s.parcel_id = c.parcel_id AND s.run_id = $1)
            """);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<long> { TypedValue = summary.RunId });
        var closed = (long)(await cmd.ExecuteScalarAsync(ct))!;
        return new Outcome(summary, opened, closed);
    }

    public static void Print(Outcome o)
    {
        var s = o.Summary;
        // The note (why everything, or since which run) is the library's English; the Vietnamese half says what it means.
        var scope = s.Scope == "all" ? "toàn bộ các thửa" : "chỉ các thửa có dữ liệu thay đổi";
        AnsiConsole.MarkupLineInterpolated(CultureInfo.GetCultureInfo("vi-VN"),
            $"Lần đánh giá #{s.RunId} ({s.RuleSet} v{s.Version}, {scope}): {s.ParcelsEvaluated:N0} thửa trong {s.ElapsedSeconds:F1} giây, [green]{s.ParcelsVerified:N0} đạt[/]; {o.CasesOpened:N0} hồ sơ mở, {o.CasesClosed:N0} hồ sơ đóng (đã sạch). — Run #{s.RunId}: {s.ParcelsEvaluated:N0} parcels evaluated ({s.Note ?? s.Scope}), {o.CasesOpened:N0} cases opened, {o.CasesClosed:N0} closed as verified.");
    }
}
