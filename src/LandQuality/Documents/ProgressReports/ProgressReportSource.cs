using System.Globalization;
using LandQuality.Data;
using System.Text.Json;
using LandQuality.Progress;
using Npgsql;

namespace LandQuality.Documents.ProgressReports;

/// <summary>
/// <c>lq report province</c> and <c>lq report commune CODE</c>: the dashboard's figures (<see cref="DashboardQuery"/>, the same
/// summary the web shows, so report and dashboard agree) as a document, with each line's change in the verified share since the
/// last report of the same scope. Each report made is recorded (<c>progress_reports</c>: who, when, the share of each line)
/// for the next one to compare with.
/// </summary>
public sealed class ProgressReportSource(Database database)
{
    /// <exception cref="ArgumentException">The code is not a province or commune of the reference data.</exception>
    /// <param name="stageName">A review stage's name in the report's language (the web's wording); null: the stage's id.</param>
    /// <param name="madeBy">Who the report is made for: recorded with its figures, for the next report to compare with.</param>
    /// <exception cref="ArgumentException">The code is not a province or commune of the reference data.</exception>
    public async Task<ProgressReport> LoadAsync(string code, string lang, Func<string, string>? stageName, string madeBy, DateTimeOffset now,
        CancellationToken ct)
    {
        var scope = DashboardScope.ForJurisdiction(code)
            ?? throw new ArgumentException($"\"{code}\" không phải mã tỉnh/thành phố hay xã/phường. — \"{code}\" is not a province or commune code.");
        var view = await DashboardQuery.LoadAsync(database, scope, now, ct);
        var culture = CultureInfo.GetCultureInfo(lang == "en" ? "en-GB" : "vi-VN");
        var (madeAt, before) = await LastAsync(scope.Code, ct);
        var communes = scope.IsProvince
            ? view.Ranking.Select(r => Line(r.Rank.ToString(culture), r.Figures, view.Stages, before, culture)).ToList()
            : [];
        await RecordAsync(scope.Code, madeBy, now, view.Ranking.Select(r => r.Figures).Append(view.Totals).DistinctBy(f => f.Code), ct);
        return new ProgressReport(lang, scope.IsProvince ? "province" : "commune", scope.Code, scope.Name, Time(now), madeAt is { } at ? Time(at) : null,
            Line(null, view.Totals, view.Stages, before, culture), communes, view.Stages.Select(s => stageName?.Invoke(s) ?? s).ToList());
    }

    static string Time(DateTimeOffset at) => VietnamTime.Format(at, "dd/MM/yyyy HH:mm");

    /// <summary>The last report of the scope: when, and the verified share of each of its lines by code.</summary>
    async Task<(DateTimeOffset? MadeAt, Dictionary<string, double> Shares)> LastAsync(string scope, CancellationToken ct)
    {
        await using var cmd = database.DataSource.CreateCommand(
            "SELECT made_at, shares::text FROM progress_reports WHERE scope_code = $1 ORDER BY made_at DESC, id DESC LIMIT 1");
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scope });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct)
            ? (r.GetFieldValue<DateTimeOffset>(0), JsonSerializer.Deserialize<Dictionary<string, double>>(r.GetString(1))!)
            : (null, []);
    }

    async Task RecordAsync(string scope, string madeBy, DateTimeOffset now, IEnumerable<DashboardFigures> lines, CancellationToken ct)
    {
        await using var cmd = database.DataSource.CreateCommand(
            "INSERT INTO progress_reports (scope_code, made_at, made_by, shares) VALUES ($1, $2, $3, $4::jsonb)");
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = scope });
        cmd.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now.ToUniversalTime() });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = madeBy });
        cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(lines.ToDictionary(f => f.Code, f => f.VerifiedShare)) });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    static ProgressLine Line(string? rank, DashboardFigures f, IReadOnlyList<string> stages, Dictionary<string, double> before, CultureInfo culture)
    {
        string N(long n) => n.ToString("N0", culture);
        return new ProgressLine(rank, f.Code, f.Name, N(f.Parcels), N(f.Verified), f.VerifiedShare.ToString("P1", culture),
            N(f.FailingCorrect), N(f.FailingSufficient), N(f.FailingClean), N(f.FailingAlive), N(f.OpenCases),
            stages.Select(s => N(f.OpenCasesByStage.GetValueOrDefault(s))).ToList(), N(f.Overdue), N(f.ClosedThisWeek),
            before.TryGetValue(f.Code, out var earlier) ? ((f.VerifiedShare - earlier) * 100).ToString("+0.0;-0.0;0.0", culture) : null);
    }
}
