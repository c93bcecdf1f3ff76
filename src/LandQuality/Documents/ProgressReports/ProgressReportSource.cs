using System.Globalization;
using LandQuality.Data;
using LandQuality.Progress;

namespace LandQuality.Documents.ProgressReports;

/// <summary>
/// <c>lq report province</c> and <c>lq report commune CODE</c>: the dashboard's figures (<see cref="DashboardQuery"/>, the same
/// summary the web shows, so report and dashboard agree) as a document, with each line's change in the verified share since the
/// last daily snapshot before today.
/// </summary>
public sealed class ProgressReportSource(Database database)
{
    /// <exception cref="ArgumentException">The code is not a province or commune of the reference data.</exception>
    /// <param name="stageName">A review stage's name in the report's language (the web's wording); null: the stage's id.</param>
    public async Task<ProgressReport> LoadAsync(string code, string lang, Func<string, string>? stageName, DateTimeOffset now, CancellationToken ct)
    {
        var scope = DashboardScope.ForJurisdiction(code)
            ?? throw new ArgumentException($"\"{code}\" không phải mã tỉnh/thành phố hay xã/phường. — \"{code}\" is not a province or commune code.");
        var view = await DashboardQuery.LoadAsync(database, scope, now, ct);
        var today = DashboardQuery.VietnamDay(now);
        var culture = CultureInfo.GetCultureInfo(lang == "en" ? "en-GB" : "vi-VN");
        var (day, before) = await BeforeAsync(scope, today, ct);
        var communes = new List<ProgressLine>();
        if (scope.IsProvince)
            foreach (var ranked in view.Ranking)
            {
                var (_, earlier) = await BeforeAsync(scope.Commune(ranked.Figures.Code)!, today, ct);
                communes.Add(Line(ranked.Rank.ToString(culture), ranked.Figures, view.Stages, earlier, culture));
            }
        return new ProgressReport(lang, scope.IsProvince ? "province" : "commune", scope.Code, scope.Name,
            now.ToOffset(TimeSpan.FromHours(7)).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture),
            day?.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture), Line(null, view.Totals, view.Stages, before, culture), communes,
            view.Stages.Select(s => stageName?.Invoke(s) ?? s).ToList());
    }

    /// <summary>The last snapshot of the scope taken before today, if any.</summary>
    async Task<(DateOnly? Day, ProgressDay? Snapshot)> BeforeAsync(DashboardScope scope, DateOnly today, CancellationToken ct)
    {
        var earlier = (await DailySnapshot.HistoryAsync(database, scope, ct)).LastOrDefault(d => d.Day < today);
        return (earlier?.Day, earlier);
    }

    static ProgressLine Line(string? rank, DashboardFigures f, IReadOnlyList<string> stages, ProgressDay? before, CultureInfo culture)
    {
        string N(long n) => n.ToString("N0", culture);
        return new ProgressLine(rank, f.Code, f.Name, N(f.Parcels), N(f.Verified), f.VerifiedShare.ToString("P1", culture),
            N(f.FailingCorrect), N(f.FailingSufficient), N(f.FailingClean), N(f.FailingAlive), N(f.OpenCases),
            stages.Select(s => N(f.OpenCasesByStage.GetValueOrDefault(s))).ToList(), N(f.Overdue), N(f.ClosedThisWeek),
            before is null ? null : ((f.VerifiedShare - before.VerifiedShare) * 100).ToString("+0.0;-0.0;0.0", culture));
    }
}
