using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Runs;

namespace LandQuality.Rules.Versions;

/// <summary>One parcel newly failing (<see cref="NewlyFailing"/>) or newly passing a rule under the draft.</summary>
public sealed record AffectedParcel(string ParcelId, string CommuneCode, string Rule, bool NewlyFailing);

/// <summary>
/// The preview's counts over a run of consecutive parcels, one parcel at a time. The preview tallies slices of a
/// batch in parallel, each in its own tally, and merges them in parcel order, so the report (its examples, the
/// order of the affected parcels) is the same however the slices were scheduled. Not thread-safe: one per slice.
/// </summary>
sealed class ImpactTally(bool keepAffected)
{
    static readonly Dimension[] AllDimensions = Enum.GetValues<Dimension>();
    static readonly Severity[] AllSeverities = Enum.GetValues<Severity>();

    readonly Dictionary<string, Counts> _rules = new(StringComparer.Ordinal);
    readonly Dictionary<string, Counts> _dimensions = AllDimensions.ToDictionary(Names.Of, _ => new Counts(), StringComparer.Ordinal);
    readonly Dictionary<string, Counts> _severities = new(StringComparer.Ordinal);
    readonly Dictionary<string, Counts> _communes = new(StringComparer.Ordinal);
    readonly Dictionary<string, long> _ruleErrors = new(StringComparer.Ordinal);
    readonly List<string> _now = [], _then = [], _errors = [], _changed = [];

    public long Parcels { get; private set; }

    /// <summary>Parcels newly failing or passing a rule, in parcel order (per parcel: failing rules, then passing, each by name); empty unless kept.</summary>
    public List<AffectedParcel> Affected { get; } = [];

    /// <param name="now">The parcel's findings under the published version.</param>
    /// <param name="draft">Its findings under the draft; a rule error counts apart, not as a failure.</param>
    public void Add(string parcelId, string communeCode, IReadOnlyList<Finding> now, IReadOnlyList<Finding> draft)
    {
        Parcels++;
        var (nowBlocking, nowSeverities) = Distinct(now, _now);
        var (thenBlocking, thenSeverities) = Distinct(draft, _then);
        _errors.Clear();
        foreach (var f in draft)
            if (f.IsRuleError && !_errors.Contains(f.RuleName, StringComparer.Ordinal))
                _errors.Add(f.RuleName);
        foreach (var rule in _errors)
            _ruleErrors[rule] = _ruleErrors.GetValueOrDefault(rule) + 1;

        foreach (var rule in _now)
            CountOf(_rules, rule).Add(true, _then.Contains(rule, StringComparer.Ordinal), parcelId);
        foreach (var rule in _then)
            if (!_now.Contains(rule, StringComparer.Ordinal))
                CountOf(_rules, rule).Add(false, true, parcelId);
        foreach (var d in AllDimensions)
            Tally(_dimensions, Names.Of(d), (nowBlocking & Bit(d)) != 0, (thenBlocking & Bit(d)) != 0);
        foreach (var s in AllSeverities)
            Tally(_severities, Names.Of(s), (nowSeverities & Bit(s)) != 0, (thenSeverities & Bit(s)) != 0);
        Tally(_communes, communeCode, nowBlocking != 0, thenBlocking != 0);

        if (keepAffected)
        {
            AddChanged(parcelId, communeCode, _then, _now, newlyFailing: true);
            AddChanged(parcelId, communeCode, _now, _then, newlyFailing: false);
        }
    }

    /// <summary>Adds the counts of <paramref name="later"/>, whose parcels all come after this tally's.</summary>
    public void Merge(ImpactTally later)
    {
        Parcels += later.Parcels;
        foreach (var (mine, theirs) in new[] { (_rules, later._rules), (_dimensions, later._dimensions), (_severities, later._severities), (_communes, later._communes) })
            foreach (var (key, counts) in theirs)
                CountOf(mine, key).Merge(counts);
        foreach (var (rule, n) in later._ruleErrors)
            _ruleErrors[rule] = _ruleErrors.GetValueOrDefault(rule) + n;
    }

    public ImpactReport ToReport(int publishedVersion, int draftVersion) => new(publishedVersion, draftVersion, Parcels,
        Lines(_dimensions, examples: false), Lines(_rules, examples: true), new Dictionary<string, long>(_ruleErrors, StringComparer.Ordinal),
        Lines(_severities, examples: false), Lines(_communes, examples: false));

    /// <summary>The rules the findings fail (rule errors left out) into <paramref name="rules"/>, each once; and the dimensions they block and severities they carry, as bits.</summary>
    static (int Blocking, int Severities) Distinct(IReadOnlyList<Finding> findings, List<string> rules)
    {
        rules.Clear();
        int blocking = 0, severities = 0;
        foreach (var f in findings)
        {
            if (f.IsRuleError)
                continue;
            if (!rules.Contains(f.RuleName, StringComparer.Ordinal))
                rules.Add(f.RuleName);
            severities |= Bit(f.Severity);
            if (f.Severity == Severity.Error)
                blocking |= Bit(f.Dimension);
        }
        return (blocking, severities);
    }

    void AddChanged(string parcelId, string communeCode, List<string> failing, List<string> notFailing, bool newlyFailing)
    {
        _changed.Clear();
        foreach (var rule in failing)
            if (!notFailing.Contains(rule, StringComparer.Ordinal))
                _changed.Add(rule);
        _changed.Sort(StringComparer.Ordinal);
        foreach (var rule in _changed)
            Affected.Add(new AffectedParcel(parcelId, communeCode, rule, newlyFailing));
    }

    static int Bit(Dimension d) => 1 << (int)d;

    static int Bit(Severity s) => 1 << (int)s;

    static void Tally(Dictionary<string, Counts> counts, string key, bool now, bool then)
    {
        if (now || then)
            CountOf(counts, key).Add(now, then, parcelId: null);
    }

    static Counts CountOf(Dictionary<string, Counts> counts, string key) =>
        counts.TryGetValue(key, out var c) ? c : counts[key] = new Counts();

    static List<ImpactLine> Lines(Dictionary<string, Counts> counts, bool examples) =>
        counts.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Value.Line(kv.Key, examples)).ToList();

    /// <summary>One key's counts, with the first <see cref="ImpactPreview.Examples"/> parcels that newly fail or pass it.</summary>
    sealed class Counts
    {
        long _newlyFailing, _newlyPassing, _failingNow, _failingThen;
        readonly List<string> _failingExamples = [], _passingExamples = [];

        public void Add(bool now, bool then, string? parcelId)
        {
            if (now) _failingNow++;
            if (then) _failingThen++;
            if (then && !now && _newlyFailing++ < ImpactPreview.Examples && parcelId is not null)
                _failingExamples.Add(parcelId);
            if (now && !then && _newlyPassing++ < ImpactPreview.Examples && parcelId is not null)
                _passingExamples.Add(parcelId);
        }

        public void Merge(Counts later)
        {
            _failingExamples.AddRange(later._failingExamples.Take(ImpactPreview.Examples - _failingExamples.Count));
            _passingExamples.AddRange(later._passingExamples.Take(ImpactPreview.Examples - _passingExamples.Count));
            _newlyFailing += later._newlyFailing;
            _newlyPassing += later._newlyPassing;
            _failingNow += later._failingNow;
            _failingThen += later._failingThen;
        }

        public ImpactLine Line(string key, bool examples) => new(key, _newlyFailing, _newlyPassing, _failingNow, _failingThen,
            examples ? _failingExamples.ToList() : null, examples ? _passingExamples.ToList() : null);
    }
}
