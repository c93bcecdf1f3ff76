namespace LandQuality.Documents.Notices;

/// <summary>A paper a citizen is asked to bring, in both languages.</summary>
public sealed record Paper(string Key, string Vi, string En);

/// <summary>
/// Which papers settle which findings, for the citizen notice. Only findings a citizen can help with are listed on a
/// notice; those the office settles alone (a placeholder date, a duplicate key, junk text) are not. A rule may name its
/// papers itself (<see cref="Rules.RuleMetadata.CitizenPapersKey"/>, chosen on the rule editor's form): that choice wins over
/// the catalogue below, which covers the shipped rules.
/// </summary>
public static class CitizenPapers
{
    public static readonly Paper IdCard = new("id_card",
        "Căn cước công dân (CCCD) hoặc thẻ căn cước của người sử dụng đất (bản gốc)",
        "The land user's citizen identity card (original)");

    public static readonly Paper Certificate = new("certificate",
        "Giấy chứng nhận quyền sử dụng đất (sổ đỏ, sổ hồng) (bản gốc)",
        "The land use right certificate (original)");

    public static readonly Paper DeathAndInheritance = new("death_inheritance",
        "Trích lục khai tử của người đã mất và giấy tờ về thừa kế quyền sử dụng đất (nếu có)",
        "The death extract of the deceased holder and papers on the inheritance of the land use right (if any)");

    public static readonly Paper Survey = new("survey",
        "Trích lục bản đồ địa chính hoặc mảnh trích đo thửa đất (nếu có)",
        "The cadastral map extract or survey sheet of the parcel (if any)");

    /// <summary>The papers per rule, in the order a notice lists them.</summary>
    static readonly Dictionary<string, Paper[]> ByRule = new(StringComparer.Ordinal)
    {
        ["missing_owner"] = [Certificate, IdCard],
        ["missing_id_number"] = [IdCard],
        ["missing_owner_name"] = [IdCard],
        ["missing_birth_info"] = [IdCard],
        ["malformed_id_number"] = [IdCard],
        ["id_gender_mismatch"] = [IdCard],
        ["id_birth_year_mismatch"] = [IdCard],
        ["unknown_id_province_code"] = [IdCard],
        ["owner_not_in_registry"] = [IdCard],
        ["name_differs_from_registry"] = [IdCard],
        ["birth_date_differs"] = [IdCard],
        ["gender_differs"] = [IdCard],
        ["name_not_normalized"] = [IdCard],
        ["name_missing_diacritics"] = [IdCard],
        ["id_number_multiple_names"] = [IdCard],
        ["legacy_cmnd"] = [IdCard],
        ["implausibly_old_owner"] = [IdCard],
        ["birth_dates"] = [IdCard],
        ["deceased_owner"] = [DeathAndInheritance, IdCard],
        ["missing_certificate"] = [Certificate],
        ["missing_certificate_serial"] = [Certificate],
        ["missing_certificate_book_no"] = [Certificate],
        ["certificate_issued_on"] = [Certificate],
        ["missing_land_use"] = [Certificate],
        ["unknown_land_use_code"] = [Certificate],
        ["legacy_land_use_code"] = [Certificate],
        ["purpose_area_mismatch"] = [Certificate],
        ["area_mismatch"] = [Certificate, Survey],
        ["missing_area"] = [Certificate, Survey],
        ["geometry_area_mismatch"] = [Survey],
        ["owner_shares_invalid"] = [Certificate, IdCard],
        ["missing_address"] = [Certificate],
        ["stale_record"] = [Certificate, IdCard],
    };

    /// <summary>Every paper a notice can ask for, in the order a form offers them.</summary>
    public static IReadOnlyList<Paper> All { get; } = [IdCard, Certificate, DeathAndInheritance, Survey];

    public static bool IsKnown(string key) => All.Any(p => p.Key == key);

    /// <summary>
    /// The papers that settle a finding of <paramref name="rule"/>: those the rule names in <paramref name="named"/>
    /// (rule → paper keys, from the rule set in force), else the catalogue's; none when the citizen is not needed for it.
    /// </summary>
    public static IReadOnlyList<Paper> For(string rule, IReadOnlyDictionary<string, IReadOnlyList<string>>? named = null) =>
        named is not null && named.TryGetValue(rule, out var keys) && keys.Count > 0
            ? All.Where(p => keys.Contains(p.Key)).ToList()
            : ByRule.TryGetValue(rule, out var papers) ? papers : [];
}
