namespace LandQuality.Progress;

/// <summary>
/// One commune's (or, summed, a province's) campaign figures: parcels, verified đúng – đủ – sạch – sống,
/// failing per dimension (a parcel may fail several), open cases per stage, overdue tasks, cases closed since
/// Monday (Vietnam time).
/// </summary>
public sealed record DashboardFigures(string Code, string Name, long Parcels, long Evaluated, long Verified,
    long FailingCorrect, long FailingSufficient, long FailingClean, long FailingAlive,
    IReadOnlyDictionary<string, long> OpenCasesByStage, long Overdue, long ClosedThisWeek)
{
    public long OpenCases => OpenCasesByStage.Values.Sum();

    /// <summary>Verified parcels as a fraction of all (0–1): the campaign's progress, and the ranking's key.</summary>
    public double VerifiedShare => Parcels == 0 ? 0 : (double)Verified / Parcels;

    public static DashboardFigures Sum(string code, string name, IEnumerable<DashboardFigures> communes)
    {
        var all = communes.ToList();
        return new DashboardFigures(code, name, all.Sum(c => c.Parcels), all.Sum(c => c.Evaluated), all.Sum(c => c.Verified),
            all.Sum(c => c.FailingCorrect), all.Sum(c => c.FailingSufficient), all.Sum(c => c.FailingClean), all.Sum(c => c.FailingAlive),
            all.SelectMany(c => c.OpenCasesByStage).GroupBy(kv => kv.Key, StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.Sum(kv => kv.Value), StringComparer.Ordinal),
            all.Sum(c => c.Overdue), all.Sum(c => c.ClosedThisWeek));
    }
}

/// <summary>A commune's place in the campaign's emulation: 1 is the furthest verified.</summary>
public sealed record RankedCommune(int Rank, DashboardFigures Figures);

/// <summary>The dashboard of a scope: its totals and its communes ranked (one, for a commune).</summary>
public sealed record DashboardView(DashboardScope Scope, DashboardFigures Totals, IReadOnlyList<RankedCommune> Ranking,
    IReadOnlyList<string> Stages, DateTimeOffset WeekStart);
