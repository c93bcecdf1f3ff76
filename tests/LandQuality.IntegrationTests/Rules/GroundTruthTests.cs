using LandQuality.Generation;
using LandQuality.Rules.Runs;

namespace LandQuality.IntegrationTests.Rules;

/// <summary>
/// The whole path — generate, import, evaluate the shipped default rule set — against the
/// generator's ground truth: every injected defect is found by the rule of the same name, and a
/// parcel without defects gets no error finding (a harmless name variant is not a defect).
/// </summary>
public sealed class GroundTruthTests(GeneratedDataSet data) : IClassFixture<GeneratedDataSet>
{
    [Fact]
    public async Task Injected_defects_are_found_by_their_rule_and_clean_parcels_stay_clean()
    {
        var summary = await new EvaluationRunner(data.Db.Database).RunAsync(new EvaluationRequest("test"), null, CancellationToken.None);
        var findings = await FindingsAsync(summary.RunId);

        Assert.Equal(GeneratedDataSet.Parcels, summary.ParcelsEvaluated);
        var missed = new List<string>();
        foreach (var kind in DefectKinds.All.Where(k => !DefectKinds.IsHarmless(k)))
        {
            var parcels = data.Defects.Where(d => d.Value.Contains(kind)).Select(d => d.Key).ToList();
            if (parcels.Count == 0)
                missed.Add($"{kind}: never injected, so its rule is not tested here");
            var notFound = parcels.Where(p => !findings.TryGetValue(p, out var f) || !f.Any(x => x.Rule == kind)).ToList();
            if (notFound.Count > 0)
                missed.Add($"{kind}: {notFound.Count} of {parcels.Count} not found, e.g. {string.Join(", ", notFound.Take(3))}");
        }
        Assert.True(missed.Count == 0, string.Join("\n", missed));

        // Cross-record rules rightly flag both sides: the parcel a duplicate copies, and every parcel of a
        // person whose name another parcel spells differently. Those are accepted when the partner is injected.
        var clean = findings.Keys.Where(p => !data.Defects.TryGetValue(p, out var kinds) || kinds.All(DefectKinds.IsHarmless)).ToList();
        var partners = await PartnersAsync(clean);
        string[] nameDefects = [DefectKinds.NameDiffersFromRegistry, DefectKinds.NameMissingDiacritics, DefectKinds.IdNumberMultipleNames];
        bool Explained(string parcel, string rule) => rule switch
        {
            "duplicate_parcel_key" => partners.Keys.Any(k => k.Parcel == parcel && k.Kind == "key"
                && partners[k].Any(q => data.Defects.GetValueOrDefault(q)?.Contains(DefectKinds.DuplicateParcelKey) == true)),
            "id_number_multiple_names" => partners.Keys.Any(k => k.Parcel == parcel && k.Kind == "id"
                && partners[k].Any(q => data.Defects.GetValueOrDefault(q)?.Overlaps(nameDefects) == true)),
            _ => false,
        };
        var cleanWithErrors = clean
            .Select(p => (Parcel: p, Rules: findings[p].Where(f => f.Severity == "error" && !Explained(p, f.Rule)).Select(f => f.Rule).ToList()))
            .Where(x => x.Rules.Count > 0)
            .Select(x => $"{x.Parcel}: {string.Join(", ", x.Rules)}")
            .ToList();
        Assert.True(cleanWithErrors.Count == 0, $"{cleanWithErrors.Count} clean parcels have error findings:\n" + string.Join("\n", cleanWithErrors.Take(10)));

        var variants = data.Defects.Where(d => d.Value.Contains(DefectKinds.NameVariant) && !d.Value.Contains(DefectKinds.NameDiffersFromRegistry)).Select(d => d.Key).ToList();
        Assert.NotEmpty(variants);
        Assert.DoesNotContain(variants, p => findings.TryGetValue(p, out var f) && f.Any(x => x.Rule == "name_differs_from_registry"));
    }

    /// <summary>For each parcel: other parcels with the same key ("key") or sharing an owner's ID number ("id").</summary>
    async Task<Dictionary<(string Parcel, string Kind), List<string>>> PartnersAsync(List<string> parcels)
    {
        var result = new Dictionary<(string, string), List<string>>();
        await using var cmd = data.Db.Database.DataSource.CreateCommand("""
            SELECT p.parcel_id, 'key', q.parcel_id FROM parcels p JOIN parcels q
              ON (q.commune_code, q.map_sheet, q.parcel_no) = (p.commune_code, p.map_sheet, p.parcel_no) AND q.parcel_id <> p.parcel_id
            WHERE p.parcel_id = ANY($1)
            UNION ALL
            SELECT o.parcel_id, 'id', x.parcel_id FROM owners o JOIN owners x ON x.id_number = o.id_number AND x.parcel_id <> o.parcel_id
            WHERE o.parcel_id = ANY($1)
            """);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter<string[]> { TypedValue = parcels.ToArray() });
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            var key = (r.GetString(0), r.GetString(1));
            if (!result.TryGetValue(key, out var list))
                result[key] = list = [];
            list.Add(r.GetString(2));
        }
        return result;
    }

    async Task<Dictionary<string, List<(string Rule, string Severity)>>> FindingsAsync(long runId)
    {
        var result = new Dictionary<string, List<(string, string)>>(StringComparer.Ordinal);
        await using var cmd = data.Db.Database.DataSource.CreateCommand(
            $"SELECT parcel_id, rule_name, severity FROM findings WHERE run_id = {runId}");
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            if (!result.TryGetValue(r.GetString(0), out var list))
                result[r.GetString(0)] = list = [];
            list.Add((r.GetString(1), r.GetString(2)));
        }
        return result;
    }
}
