using System.Globalization;
using System.Text.RegularExpressions;
using LandQuality.Interchange;
using Npgsql;
using static LandQuality.Data.BatchCommands;

namespace LandQuality.Review.Cases;

/// <summary>
/// The fields a reviewer may correct, named as in the interchange files, with how to read and write
/// each. Values are checked with the import's own parsers, so a correction can never store what an
/// import would have refused.
/// <list type="bullet">
/// <item><c>address</c>, <c>area_m2</c>, <c>certificate_serial</c>… — one column of the parcel or its certificate.</item>
/// <item><c>land_use</c> — all the parcel's purposes at once, as the import reads them: <c>ODT:120;CLN:85.5</c> (empty: none).</item>
/// <item><c>owners[N].id_number</c> — one column of owner N (owners are numbered from 1, as the task lists them).</item>
/// <item><c>owners[+]</c> — a new owner: <c>full_name=…;birth_date=…;gender=…;id_number=…;share=…</c> (keys left out are empty).</item>
/// <item><c>owners[N]</c> — owner N replaced by the owner given in that form, or removed when the value is empty.</item>
/// <item><c>retire_duplicate</c> — the id of a parcel with the same commune + map sheet + parcel number,
/// retired into this one (<see cref="ParcelRetirement"/>).</item>
/// </list>
/// Owners keep their numbers: a removed owner leaves a gap and an added one takes the next number
/// after the highest, so every owner named in one decision means the owner the reviewer saw, whatever
/// the order the corrections are applied in, and the audit history's numbers stay those of the task.
/// </summary>
public static partial class CorrectionFields
{
    public const string LandUse = "land_use", AddOwner = "owners[+]", RetireDuplicate = "retire_duplicate";

    /// <summary>What the refusal of an unknown field lists, and the CLI's help.</summary>
    public static string Syntax =>
        $"parcel: {string.Join(", ", ParcelFields.Keys)}, {LandUse}=CODE:area;CODE:area; owner N (from 1): owners[N].{string.Join("|", OwnerFields.Keys)}; " +
        $"{AddOwner}={OwnerForm}; owners[N]={OwnerForm} to replace owner N, owners[N] empty to remove it; {RetireDuplicate}=PARCEL_ID";

    static string OwnerForm => string.Join(";", CorrectionText.OwnerKeys.Select(k => k + "=…"));

    /// <summary>Every field a correction form offers for a parcel whose owners have these numbers.</summary>
    public static IReadOnlyList<string> Offered(IEnumerable<int> ownerSeqs) =>
        [.. ParcelFields.Keys, LandUse, .. ownerSeqs.SelectMany(n => OwnerFields.Keys.Select(f => $"owners[{n}].{f}")), AddOwner];

    sealed record Field(string Table, string Column, Func<string?, (bool Ok, object? Value, string? Why)> Parse);

    enum Kind { Scalar, OwnerField, Owner, OwnerAdd, LandUse, Retire }

    sealed record Target(Kind Kind, Field? Field = null, int? Seq = null);

    static readonly Dictionary<string, Field> ParcelFields = new(StringComparer.Ordinal)
    {
        ["address"] = new("parcels", "address", v => (true, FieldParsers.Text(v ?? ""), null)),
        ["area_m2"] = new("parcels", "area_m2", Decimal),
        ["legal_area_m2"] = new("parcels", "legal_area_m2", Decimal),
        ["map_sheet"] = new("parcels", "map_sheet", Int),
        ["parcel_no"] = new("parcels", "parcel_no", Int),
        ["geometry_wkt"] = new("parcels", "geometry_wkt", v => (true, FieldParsers.Text(v ?? ""), null)),
        ["updated_on"] = new("parcels", "updated_on", Date),
        ["certificate_serial"] = new("certificates", "serial", v => (true, FieldParsers.Text(v ?? ""), null)),
        ["certificate_book_no"] = new("certificates", "book_no", v => (true, FieldParsers.Text(v ?? ""), null)),
        ["certificate_issued_on"] = new("certificates", "issued_on", Date),
    };

    static readonly Dictionary<string, Field> OwnerFields = new(StringComparer.Ordinal)
    {
        ["full_name"] = new("owners", "full_name", v => FieldParsers.Text(v ?? "") is { } t ? (true, t, null) : (false, null, "an owner needs a name")),
        ["gender"] = new("owners", "gender", v => FieldParsers.TryGender(v ?? "", out var g, out var why) ? (true, g, null) : (false, null, why)),
        ["id_number"] = new("owners", "id_number", v => FieldParsers.Text(v ?? "") is { Length: > 20 } ? (false, null, "longer than 20 characters") : (true, FieldParsers.Text(v ?? ""), null)),
        ["share"] = new("owners", "share", Decimal),
        ["birth_date"] = new("owners", "birth_date", v => FieldParsers.TryBirth(v ?? "", out var d, out var y, out var why) ? (true, (d, y), null) : (false, null, why)),
    };

    [GeneratedRegex(@"^owners\[(\d{1,6})\](?:\.([a-z_]+))?$")]
    private static partial Regex OwnerPath();

    /// <summary>Checks a field name and value; returns why not, or null when the correction can be stored.</summary>
    public static string? Check(string field, string? value)
    {
        if (Resolve(field) is not { } t)
            return $"'{field}' is not a correctable field ({Syntax})";
        if (t.Seq == 0)
            return $"{field}: owners are numbered from 1, as the task lists them";
        string? why;
        var problem = t.Kind switch
        {
            Kind.Scalar or Kind.OwnerField => t.Field!.Parse(value) is (false, _, var w) ? w : null,
            Kind.LandUse => CorrectionText.TryParseLandUse(value, out _, out why) ? null : why,
            Kind.OwnerAdd when value is null => $"give the new owner as {OwnerForm}",
            Kind.Owner when value is null => null, // removes the owner
            Kind.Owner or Kind.OwnerAdd => CorrectionText.TryParseOwner(value, out _, out why) ? null : why,
            _ /* Kind.Retire */ => FieldParsers.Text(value ?? "") switch
            {
                null => "name the duplicate parcel to retire (its parcel id)",
                { Length: > 40 } => "a parcel id is at most 40 characters",
                _ => null,
            },
        };
        return problem is null ? null : $"{field}: {problem}";
    }

    /// <summary>
    /// Checks every correction of one decision, and that they do not contradict each other: a field
    /// corrected twice, or a field of an owner the same decision removes or replaces.
    /// </summary>
    public static string? CheckDecision(IReadOnlyList<FieldChange> corrections)
    {
        if (corrections.Select(c => Check(c.Field, c.Value)).FirstOrDefault(e => e is not null) is { } invalid)
            return invalid;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in corrections)
        {
            var t = Resolve(c.Field)!;
            var key = t.Kind switch { Kind.OwnerAdd => null, Kind.Retire => $"{c.Field}={FieldParsers.Text(c.Value ?? "")}", _ => c.Field };
            if (key is not null && !seen.Add(key))
                return $"{key}: corrected twice in one decision";
        }
        var whole = corrections.Select(c => Resolve(c.Field)!).Where(t => t.Kind == Kind.Owner).Select(t => t.Seq).ToHashSet();
        return corrections.FirstOrDefault(c => Resolve(c.Field) is { Kind: Kind.OwnerField } t && whole.Contains(t.Seq)) is { } clash
            ? $"{clash.Field}: owners[{Resolve(clash.Field)!.Seq}] is removed or replaced in the same decision; give its corrected fields in that owner's value"
            : null;
    }

    /// <summary>The value as stored in the correction's after: the text form of owners and land use (<see cref="CorrectionText"/>).</summary>
    public static string? Normalize(string field, string? value) => Resolve(field)?.Kind switch
    {
        Kind.LandUse => CorrectionText.TryParseLandUse(value, out var purposes, out _) ? CorrectionText.Format(purposes) : value,
        Kind.Owner or Kind.OwnerAdd => CorrectionText.TryParseOwner(value, out var owner, out _) ? CorrectionText.Format(owner!) : value,
        Kind.Retire => FieldParsers.Text(value ?? ""),
        _ => value,
    };

    public static bool IsRetirement(string field) => field == RetireDuplicate;

    /// <summary>True for corrections that can change another parcel's cross-record facts through an owner's ID number or name.</summary>
    public static bool ChangesOwners(string field) => Resolve(field)?.Kind is Kind.Owner or Kind.OwnerAdd or Kind.OwnerField;

    /// <summary>
    /// The field's current value as text, as a scalar subquery for a larger statement; <paramref name="parcelSql"/>
    /// names the parcel. An owner's number, or the parcel a retirement names, is the parameter
    /// <paramref name="keyParameter"/>, returned as Key (null when the field needs none). The value of
    /// <c>owners[+]</c> is always null (there is no owner yet), that of <c>retire_duplicate</c> the
    /// parcel the named one is retired into (null while it is not).
    /// </summary>
    public static (string Sql, NpgsqlParameter? Key) ValueSql(string field, string? value, string parcelSql, string keyParameter)
    {
        var t = Resolve(field)!;
        return t.Kind switch
        {
            Kind.Scalar or Kind.OwnerField => (
                $"(SELECT {(t.Field!.Column == "birth_date" ? "coalesce(birth_date::text, birth_year::text)" : $"{t.Field.Column}::text")} " +
                $"FROM {t.Field.Table} WHERE parcel_id = {parcelSql}" + (t.Seq is null ? ")" : $" AND seq = {keyParameter})"),
                t.Seq is { } s ? Value(s) : null),
            Kind.Owner => ($"(SELECT {CorrectionText.OwnerSql("owners")} FROM owners WHERE parcel_id = {parcelSql} AND seq = {keyParameter})", Value(t.Seq!.Value)),
            Kind.OwnerAdd => ("NULL::text", null),
            Kind.LandUse => (CorrectionText.LandUseSql(parcelSql), null),
            _ => ($"(SELECT retired_into FROM parcels WHERE parcel_id = {keyParameter})", Value(FieldParsers.Text(value ?? "") ?? "")),
        };
    }

    /// <summary>
    /// What the proposal check needs to know about the field's target, as a scalar subquery using the
    /// same key as <see cref="ValueSql"/>: the parcel's owner numbers for an owner's field, the named
    /// parcel's state for a retirement (<see cref="ParcelRetirement.StateSql"/>), nothing otherwise.
    /// </summary>
    public static string TargetSql(string field, string parcelSql, string keyParameter) => Resolve(field)!.Kind switch
    {
        Kind.Owner or Kind.OwnerField => $"(SELECT string_agg(seq::text, ', ' ORDER BY seq) FROM owners WHERE parcel_id = {parcelSql})",
        Kind.Retire => ParcelRetirement.StateSql(parcelSql, keyParameter),
        _ => "NULL::text",
    };

    /// <summary>Why the correction cannot be proposed on this parcel as it is now (<paramref name="target"/> from <see cref="TargetSql"/>), or null.</summary>
    public static string? CheckTarget(FieldChange change, string? target)
    {
        var t = Resolve(change.Field)!;
        if (t.Kind is Kind.Owner or Kind.OwnerField)
            return target is not null && target.Split(", ").Contains(t.Seq!.Value.ToString(CultureInfo.InvariantCulture))
                ? null
                : $"{change.Field}: the parcel has no owner {t.Seq} " +
                  (target is null ? "(it has no owners; add one with owners[+])" : $"(its owners are numbered {target})");
        return t.Kind == Kind.Retire ? ParcelRetirement.Refusal(change.Value!, target) : null;
    }

    public static async Task<string?> ReadAsync(NpgsqlConnection conn, NpgsqlTransaction tx, string parcelId, string field, string? value, CancellationToken ct)
    {
        var (sql, key) = ValueSql(field, value, "$1", "$2");
        await using var cmd = new NpgsqlCommand($"SELECT {sql}", conn, tx);
        cmd.Parameters.Add(Value(parcelId));
        if (key is not null)
            cmd.Parameters.Add(key);
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    static Target? Resolve(string field)
    {
        if (ParcelFields.TryGetValue(field, out var f))
            return new(Kind.Scalar, f);
        switch (field)
        {
            case LandUse: return new(Kind.LandUse);
            case AddOwner: return new(Kind.OwnerAdd);
            case RetireDuplicate: return new(Kind.Retire);
        }
        var m = OwnerPath().Match(field);
        if (!m.Success)
            return null;
        var seq = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        if (!m.Groups[2].Success)
            return new(Kind.Owner, null, seq);
        return OwnerFields.TryGetValue(m.Groups[2].Value, out var o) ? new(Kind.OwnerField, o, seq) : null;
    }

    static (bool, object?, string?) Decimal(string? v) => FieldParsers.TryDecimal(v ?? "", out var d, out var why) ? (true, d, null) : (false, null, why);
    static (bool, object?, string?) Int(string? v) => FieldParsers.TryInt(v ?? "", out var i, out var why) ? (true, i, null) : (false, null, why);
    static (bool, object?, string?) Date(string? v) => FieldParsers.TryDate(v ?? "", out var d, out var why) ? (true, d, null) : (false, null, why);
}
