using System.Globalization;
using LandQuality.Data;
using LandQuality.Reference;
using LandQuality.Review.Cases;
using LandQuality.Review.Queue;
using Npgsql;

namespace LandQuality.Documents.Notices;

/// <summary>
/// What the citizen notices of a commune say, read from the database: every parcel of the commune with an open case, its
/// owners, and its current findings that a citizen's papers settle (<see cref="CitizenPapers"/>). One notice per owner and
/// parcel (a parcel without an owner gets one addressed to its land user); parcels whose findings need no papers get none.
/// </summary>
public sealed class NoticeSource(Database database)
{
    sealed record Owner(string? Name, string? Gender, string? IdNumber);

    sealed record Finding(string Rule, string? MessageVi, string? MessageEn);

    sealed record Parcel(string Id, int? MapSheet, int? ParcelNo, string? Address, string WorkflowId, int WorkflowVersion)
    {
        public List<Owner> Owners { get; } = [];
        public List<Finding> Findings { get; } = [];
    }

    /// <summary>The parcels read and how many got no notice because none of their findings needs a citizen's papers.</summary>
    public sealed record Notices(NoticeBatch Vi, NoticeBatch En, int ParcelsWithOpenCases, int ParcelsNeedingNoPapers);

    /// <summary>The commune of the reference data in force; checked before a batch is queued, so a wrong code is refused at once, not by a failing job.</summary>
    /// <exception cref="ArgumentException">The commune code is not a commune of the reference data.</exception>
    public static Commune RequireCommune(string communeCode) =>
        ReferenceData.Current.Communes.TryGetValue(communeCode, out var commune)
            ? commune
            : throw new ArgumentException($"\"{communeCode}\" không phải mã xã/phường (danh mục {ReferenceData.CurrentVersion}). — Not a commune code.");

    /// <exception cref="ArgumentException">The commune code is not a commune of the reference data.</exception>
    public async Task<Notices> LoadAsync(string communeCode, DateOnly issuedOn, CancellationToken ct)
    {
        var commune = RequireCommune(communeCode);
        var parcels = await ReadAsync(communeCode, ct);
        var dues = new Dictionary<(string, int), DateOnly?>();
        foreach (var key in parcels.Select(p => (p.WorkflowId, p.WorkflowVersion)).Distinct())
            dues[key] = (await new WorkflowStore(database).GetAsync(key.WorkflowId, key.WorkflowVersion, ct)).CitizenDocumentsDue;
        // The earliest deadline of the commune's cases: a batch is printed and sent at once.
        var due = dues.Values.Where(d => d is not null).Min();
        var named = await PapersNamedByRulesAsync(ct);
        var needing = parcels.Where(p => p.Findings.Any(f => CitizenPapers.For(f.Rule, named).Count > 0)).ToList();
        var province = ReferenceData.Current.Provinces.Single(p => p.Code == commune.ProvinceCode);
        return new Notices(Batch(commune, province, issuedOn, due, needing, named, english: false),
            Batch(commune, province, issuedOn, due, needing, named, english: true), parcels.Count, parcels.Count - needing.Count);
    }

    /// <summary>The papers each rule of the published rule set in force names itself (a rule added in the editor names its own).</summary>
    async Task<Dictionary<string, IReadOnlyList<string>>> PapersNamedByRulesAsync(CancellationToken ct)
    {
        var named = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        if (await new Rules.Versions.RuleSetStore(database).GetPublishedAsync(Rules.Runs.RunLog.RuleSetInForce, ct) is not { } published)
            return named;
        foreach (var rule in Rules.Loading.RuleSetFile.Parse(published.Content).SelectMany(w => w.Rules ?? []))
        {
            if (Rules.RuleMetadata.PapersOf(rule) is { Count: > 0 } keys)
                named[rule.RuleName] = keys;
        }
        return named;
    }

    static NoticeBatch Batch(Commune commune, Province province, DateOnly issuedOn, DateOnly? due, List<Parcel> parcels,
        IReadOnlyDictionary<string, IReadOnlyList<string>> named, bool english)
    {
        var notices = new List<CitizenNotice>();
        foreach (var parcel in parcels)
        {
            var needed = parcel.Findings.Where(f => CitizenPapers.For(f.Rule, named).Count > 0).ToList();
            var problems = needed.Select(f => (english ? f.MessageEn : f.MessageVi) ?? f.Rule).Distinct(StringComparer.Ordinal).ToList();
            var papers = needed.SelectMany(f => CitizenPapers.For(f.Rule, named)).Distinct().Select(p => english ? p.En : p.Vi).ToList();
            var owners = parcel.Owners.Count > 0 ? parcel.Owners : [new Owner(null, null, null)];
            foreach (var owner in owners)
                notices.Add(new CitizenNotice(notices.Count + 1, Salutation(owner.Gender, english), owner.Name,
                    owner.IdNumber is { } id ? Roles.Masked(id) : null, parcel.Id, Number(parcel.MapSheet), Number(parcel.ParcelNo), parcel.Address,
                    problems, papers));
        }
        return new NoticeBatch(english ? "en" : "vi", commune.Code, commune.Name,
            english ? $"People's Committee of {commune.Name}" : $"Ủy ban nhân dân {Lower(commune.Name)}",
            province.Name, Day(issuedOn), due is { } d ? Day(d) : null, notices);
    }

    /// <summary>"Phường Phú Xuân" → "phường Phú Xuân", as the committee's name is written after "Ủy ban nhân dân".</summary>
    static string Lower(string name) => name.Length == 0 ? name : char.ToLower(name[0], CultureInfo.GetCultureInfo("vi-VN")) + name[1..];

    static string Salutation(string? gender, bool english) => (gender, english) switch
    {
        ("M", false) => "Ông",
        ("F", false) => "Bà",
        (_, false) => "Ông/Bà",
        ("M", true) => "Mr",
        ("F", true) => "Ms",
        _ => "Mr/Ms",
    };

    static string? Number(int? n) => n?.ToString(CultureInfo.InvariantCulture);

    static string Day(DateOnly d) => d.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    async Task<List<Parcel>> ReadAsync(string communeCode, CancellationToken ct)
    {
        var parcels = new Dictionary<string, Parcel>(StringComparer.Ordinal);
        await using var batch = database.DataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT c.parcel_id, p.map_sheet, p.parcel_no, p.address, c.workflow_id, c.workflow_version
            FROM review_cases c JOIN parcels p USING (parcel_id)
            WHERE c.status = 'Open' AND p.commune_code = $1 AND p.retired_at IS NULL
            ORDER BY c.parcel_id
            """) { Parameters = { new NpgsqlParameter<string> { TypedValue = communeCode } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT o.parcel_id, o.full_name, o.gender, o.id_number
            FROM review_cases c JOIN parcels p USING (parcel_id) JOIN owners o USING (parcel_id)
            WHERE c.status = 'Open' AND p.commune_code = $1 AND p.retired_at IS NULL
            ORDER BY o.parcel_id, o.seq
            """) { Parameters = { new NpgsqlParameter<string> { TypedValue = communeCode } } });
        batch.BatchCommands.Add(new NpgsqlBatchCommand("""
            SELECT f.parcel_id, f.rule_name, f.message_vi, f.message_en
            FROM review_cases c JOIN parcels p USING (parcel_id) JOIN parcel_status s USING (parcel_id)
                 JOIN findings f ON f.run_id = s.run_id AND f.parcel_id = s.parcel_id
            WHERE c.status = 'Open' AND p.commune_code = $1 AND p.retired_at IS NULL AND NOT f.is_rule_error
            ORDER BY f.parcel_id, f.rule_name
            """) { Parameters = { new NpgsqlParameter<string> { TypedValue = communeCode } } });
        await using var r = await batch.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
            parcels[r.GetString(0)] = new Parcel(r.GetString(0), r.GetValueOrNull<int>(1), r.GetValueOrNull<int>(2), r.GetStringOrNull(3), r.GetString(4), r.GetInt32(5));
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
            parcels[r.GetString(0)].Owners.Add(new Owner(r.GetStringOrNull(1), r.GetStringOrNull(2), r.GetStringOrNull(3)));
        await r.NextResultAsync(ct);
        while (await r.ReadAsync(ct))
            parcels[r.GetString(0)].Findings.Add(new Finding(r.GetString(1), r.GetStringOrNull(2), r.GetStringOrNull(3)));
        return parcels.Values.OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
    }
}
