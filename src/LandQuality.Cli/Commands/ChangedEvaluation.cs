using System.Globalization;
using LandQuality.Imports;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary>The evaluation that follows an import (<see cref="AfterImportEvaluation"/>), printed for the CLI.</summary>
static class ChangedEvaluation
{
    public static void Print(AfterImportEvaluation.Outcome o)
    {
        var s = o.Summary;
        // The note (why everything, or since which run) is the library's English; the Vietnamese half says what it means.
        var scope = s.Scope == "all" ? "toàn bộ các thửa" : "chỉ các thửa có dữ liệu thay đổi";
        AnsiConsole.MarkupLineInterpolated(CultureInfo.GetCultureInfo("vi-VN"),
            $"Lần đánh giá #{s.RunId} ({s.RuleSet} v{s.Version}, {scope}): {s.ParcelsEvaluated:N0} thửa trong {s.ElapsedSeconds:F1} giây, [green]{s.ParcelsVerified:N0} đạt[/]; {o.CasesOpened:N0} hồ sơ mở, {o.CasesClosed:N0} hồ sơ đóng (đã sạch). — Run #{s.RunId}: {s.ParcelsEvaluated:N0} parcels evaluated ({s.Note ?? s.Scope}), {o.CasesOpened:N0} cases opened, {o.CasesClosed:N0} closed as verified.");
    }
}
