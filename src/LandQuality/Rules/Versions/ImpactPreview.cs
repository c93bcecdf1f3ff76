using LandQuality.Data;
using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Facts;
using LandQuality.Rules.Loading;
using LandQuality.Rules.Runs;

namespace LandQuality.Rules.Versions;

/// <summary>Per rule or dimension: parcels that would newly fail, and that would newly pass, under the draft.</summary>
/// <param name="FailingExamples">Per rule: the first few parcels that would newly fail (in parcel-id order), to look at.</param>
/// <param name="PassingExamples">Per rule: the first few parcels that would newly pass.</param>
public sealed record ImpactLine(string Key, long NewlyFailing, long NewlyPassing, long FailingNow, long FailingUnderDraft,
    IReadOnlyList<string>? FailingExamples = null, IReadOnlyList<string>? PassingExamples = null);

/// <param name="Dimensions">Per dimension, from data findings only, as <see cref="ParcelVerdict"/> decides.</param>
/// <param name="Rules">Per rule, from data findings only.</param>
/// <param name="RuleErrors">Per rule of the draft that threw: on how many parcels (they fail none of them).</param>
/// <param name="Severities">Per severity (error, warning): parcels with at least one data finding of it.</param>
/// <param name="Communes">Per commune: parcels failing at least one error rule, so not verifiable — the cases that would open or close.</param>
public sealed record ImpactReport(int PublishedVersion, int DraftVersion, long Parcels, IReadOnlyList<ImpactLine> Dimensions, IReadOnlyList<ImpactLine> Rules,
    IReadOnlyDictionary<string, long> RuleErrors, IReadOnlyList<ImpactLine>? Severities = null, IReadOnlyList<ImpactLine>? Communes = null);

/// <summary>
/// Before publishing: the draft and the published version evaluated side by side over the current
/// data, nothing stored. A dimension fails for a parcel as in <see cref="ParcelVerdict"/>. A rule
/// error is reported apart: counted as a failure it would read "newly failing 1,744" where the
/// truth is that the rule threw.
/// </summary>
public sealed class ImpactPreview(Database database)
{
    public Task<ImpactReport> RunAsync(RuleSetVersion published, RuleSetVersion draft, CancellationToken ct) =>
        RunAsync(published, draft, commune: null, affected: null, ct);

    /// <param name="commune">Only this commune's parcels (a quick look before the whole province); null for all.</param>
    /// <param name="affected">Told of every parcel that newly fails (true) or newly passes (false) a rule, for the list of affected parcels.</param>
    public async Task<ImpactReport> RunAsync(RuleSetVersion published, RuleSetVersion draft, string? commune, Action<ParcelFacts, string, bool>? affected,
        CancellationToken ct)
    {
        var before = CompiledRuleSet.Compile(RuleSetFile.Parse(published.Content));
        var after = CompiledRuleSet.Compile(RuleSetFile.Parse(draft.Content));
        var setWide = await SetWideFacts.LoadAsync(database.DataSource, commune, ct);
        var rules = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var dimensions = Enum.GetValues<Dimension>().ToDictionary(Names.Of, _ => new long[4]);
        var severities = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var communes = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var ruleErrors = new Dictionary<string, long>(StringComparer.Ordinal);
        var examples = new Dictionary<string, (List<string> Failing, List<string> Passing)>(StringComparer.Ordinal);
        long parcels = 0;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await foreach (var facts in ParcelFactsReader.ReadAsync(database.DataSource, setWide, commune, null, today, ParcelFactsReader.DefaultBatchSize, ct))
        {
            parcels += facts.Count;
            var now = before.Evaluate(facts, ct: ct).Where(f => !f.IsRuleError).ToLookup(f => f.ParcelId, StringComparer.Ordinal);
            var draftFindings = after.Evaluate(facts, ct: ct);
            RuleErrorCounts.Add(ruleErrors, draftFindings);
            var then = draftFindings.Where(f => !f.IsRuleError).ToLookup(f => f.ParcelId, StringComparer.Ordinal);
            foreach (var parcel in facts)
            {
                Tally(rules, now[parcel.ParcelId].Select(f => f.RuleName), then[parcel.ParcelId].Select(f => f.RuleName), (parcel.ParcelId, examples));
                if (affected is not null)
                {
                    var failingNow = now[parcel.ParcelId].Select(f => f.RuleName).ToHashSet(StringComparer.Ordinal);
                    var failingThen = then[parcel.ParcelId].Select(f => f.RuleName).ToHashSet(StringComparer.Ordinal);
                    foreach (var rule in failingThen.Except(failingNow).Order(StringComparer.Ordinal))
                        affected(parcel, rule, true);
                    foreach (var rule in failingNow.Except(failingThen).Order(StringComparer.Ordinal))
                        affected(parcel, rule, false);
                }
                Tally(dimensions, Blocking(now[parcel.ParcelId]), Blocking(then[parcel.ParcelId]));
                Tally(severities, now[parcel.ParcelId].Select(f => Names.Of(f.Severity)), then[parcel.ParcelId].Select(f => Names.Of(f.Severity)));
                Tally(communes, Blocking(now[parcel.ParcelId]).Take(1).Select(_ => parcel.CommuneCode),
                    Blocking(then[parcel.ParcelId]).Take(1).Select(_ => parcel.CommuneCode));
            }
        }
        return new ImpactReport(published.Version, draft.Version, parcels, Lines(dimensions), Lines(rules, examples), ruleErrors, Lines(severities), Lines(communes));
    }

    /// <summary>The dimensions a parcel's data findings (rule errors already left out) fail.</summary>
    static IEnumerable<string> Blocking(IEnumerable<Finding> findings) =>
        findings.Where(f => f.Severity == Severity.Error).Select(f => Names.Of(f.Dimension));

    /// <summary>counts: [newly failing, newly passing, failing now, failing under the draft]</summary>
    /// <param name="examples">When given, the parcel is kept as one of the first <see cref="Examples"/> newly failing or passing it is for a key.</param>
    static void Tally(Dictionary<string, long[]> counts, IEnumerable<string> now, IEnumerable<string> draft,
        (string ParcelId, Dictionary<string, (List<string> Failing, List<string> Passing)> ByKey)? examples = null)
    {
        var a = now.ToHashSet(StringComparer.Ordinal);
        var b = draft.ToHashSet(StringComparer.Ordinal);
        foreach (var key in a.Union(b))
        {
            if (!counts.TryGetValue(key, out var c))
                counts[key] = c = new long[4];
            if (b.Contains(key) && !a.Contains(key) && c[0]++ < Examples && examples is var (id, byKey))
                ExamplesOf(byKey, key).Failing.Add(id);
            if (a.Contains(key) && !b.Contains(key) && c[1]++ < Examples && examples is var (id2, byKey2))
                ExamplesOf(byKey2, key).Passing.Add(id2);
            if (a.Contains(key)) c[2]++;
            if (b.Contains(key)) c[3]++;
        }
    }

    /// <summary>How many example parcels a rule's line names for each direction.</summary>
    public const int Examples = 5;

    static (List<string> Failing, List<string> Passing) ExamplesOf(Dictionary<string, (List<string> Failing, List<string> Passing)> byKey, string key) =>
        byKey.TryGetValue(key, out var lists) ? lists : byKey[key] = ([], []);

    static List<ImpactLine> Lines(Dictionary<string, long[]> counts, Dictionary<string, (List<string> Failing, List<string> Passing)>? examples = null) =>
        counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => new ImpactLine(kv.Key, kv.Value[0], kv.Value[1], kv.Value[2], kv.Value[3],
            examples?.GetValueOrDefault(kv.Key).Failing ?? (examples is null ? null : []), examples?.GetValueOrDefault(kv.Key).Passing ?? (examples is null ? null : [])))
            .ToList();
}
