using System.Text.RegularExpressions;
using LandQuality.Data;
using LandQuality.Rules.Authoring;
using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Facts;
using LandQuality.Rules.Loading;

namespace LandQuality.Rules.Drafts;

/// <summary>Which parcels to try a draft's rule on: those of a commune, or the parcels named; at most <see cref="Limit"/>.</summary>
public sealed record TrialRequest(string? Rule = null, string? Commune = null, IReadOnlyList<string>? ParcelIds = null, int Limit = 50);

/// <summary>How one rule judged one parcel, with the values of the fields its expression reads: what decided it.</summary>
public sealed record TrialResult(string ParcelId, string CommuneCode, string Rule, bool Passed, bool RuleError, string? Message,
    IReadOnlyDictionary<string, object?> Values);

public sealed record TrialReport(int Parcels, int Passed, int Failed, int RuleErrors, IReadOnlyList<TrialResult> Results);

/// <summary>
/// "Try it": a draft's rules (or one of them) run over a few real parcels, nothing stored, each verdict with
/// the values that decided it — the fields the rule's expression names, per owner or purpose where it reads rows.
/// </summary>
public sealed class DraftTrial(Database database)
{
    public const int MaxParcels = 500;

    public async Task<TrialReport> RunAsync(string ruleSet, long id, TrialRequest request, string by, CancellationToken ct)
    {
        var service = new RuleDraftService(database);
        var draft = await service.LoadAsync(ruleSet, id, ct);
        if (request.Commune is null == (request.ParcelIds is null or { Count: 0 }))
            throw new ConditionRefusedException("Chọn một xã (commune) hoặc liệt kê mã thửa (parcel_ids), không cả hai.",
                "Give a commune or parcel ids (parcel_ids), not both.");
        var workflows = RuleSetFile.Parse(draft.Content);
        var rules = RuleSetWorkflows.Evaluated(workflows).SelectMany(w => RuleSetWorkflows.RulesOf(w, workflows)).Where(r => r.Enabled)
            .Where(r => request.Rule is null || r.RuleName == request.Rule).ToList();
        if (rules.Count == 0)
            throw new RuleDraftNotFoundException($"Bản nháp không có quy tắc {request.Rule}.", $"The draft has no rule {request.Rule}.");
        var compiled = CompiledRuleSet.Compile(workflows);
        var limit = Math.Clamp(request.Limit, 1, MaxParcels);
        var parcels = await ReadAsync(request, limit, ct);
        var findings = compiled.Evaluate(parcels, ct: ct).ToLookup(f => (f.ParcelId, f.RuleName));
        var results = new List<TrialResult>();
        foreach (var parcel in parcels)
            foreach (var rule in rules)
            {
                var finding = findings[(parcel.ParcelId, rule.RuleName)].FirstOrDefault();
                results.Add(new TrialResult(parcel.ParcelId, parcel.CommuneCode, rule.RuleName, finding is null, finding?.IsRuleError == true,
                    finding?.Message, ValuesRead(rule.Expression, rule.LocalParams?.Select(p => p.Expression), parcel)));
            }
        await service.RecordAsync(id, "tried", request.Rule, by, ct);
        return new TrialReport(parcels.Count, results.Count(r => r.Passed), results.Count(r => !r.Passed && !r.RuleError), results.Count(r => r.RuleError), results);
    }

    async Task<List<ParcelFacts>> ReadAsync(TrialRequest request, int limit, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var setWide = await SetWideFacts.LoadAsync(database.DataSource, request.Commune, ct);
        var stream = request.Commune is { } commune
            ? ParcelFactsReader.ReadAsync(database.DataSource, setWide, commune, null, today, limit, ct)
            : ParcelFactsReader.ReadParcelsAsync(database.DataSource, setWide, [.. request.ParcelIds!.Take(limit)], today, limit, ct);
        var parcels = new List<ParcelFacts>();
        await foreach (var batch in stream.WithCancellation(ct))
        {
            parcels.AddRange(batch.Take(limit - parcels.Count));
            if (parcels.Count >= limit)
                break;
        }
        return parcels;
    }

    /// <summary>The fields the expression (and its local params) names, with this parcel's values; row fields per owner or purpose.</summary>
    static Dictionary<string, object?> ValuesRead(string? expression, IEnumerable<string>? locals, ParcelFacts parcel)
    {
        var text = string.Join(" ", new[] { expression }.Concat(locals ?? []));
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var field in ViewFields.All.Where(f => f.Kind != ValueKind.List && Regex.IsMatch(text, $@"\.{f.Member}\b", RegexOptions.CultureInvariant)))
        {
            switch (field.Scope)
            {
                case FieldScope.Parcel:
                    values[field.Path] = typeof(ParcelFacts).GetProperty(field.Member)!.GetValue(parcel);
                    break;
                case FieldScope.Owner:
                    foreach (var owner in parcel.Owners)
                        values[$"owners[{owner.Seq}].{field.Member}"] = typeof(OwnerFacts).GetProperty(field.Member)!.GetValue(owner);
                    break;
                default:
                    for (var i = 0; i < parcel.Purposes.Count; i++)
                        values[$"purposes[{i + 1}].{field.Member}"] = typeof(PurposeFacts).GetProperty(field.Member)!.GetValue(parcel.Purposes[i]);
                    break;
            }
        }
        return values;
    }
}
