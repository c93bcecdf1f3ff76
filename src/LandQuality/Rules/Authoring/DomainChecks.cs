namespace LandQuality.Rules.Authoring;

/// <summary>
/// A check from the catalogue: a plain description in both languages and the helper call it stands for.
/// <paramref name="Emit"/> gets the row variable (<c>o</c>, <c>p</c> or <c>input1</c>) and the
/// parameter's expression (null when the check takes none).
/// </summary>
public sealed record DomainCheck(string Name, FieldScope Scope, string Vi, string En, ValueKind? Parameter, bool WholeNumberParameter,
    Func<string, string?, string> Emit);

/// <summary>
/// The domain checks policy staff pick by description instead of writing helper calls. Each is a call of
/// the rule helpers (<see cref="Helpers.RuleHelpers"/>), so it means exactly what the shipped rules mean.
/// </summary>
public static class DomainChecks
{
    public static IReadOnlyList<DomainCheck> All { get; } =
    [
        new("id_number_agrees_with_birth_year_and_gender", FieldScope.Owner,
            "Số định danh khớp với năm sinh và giới tính", "The ID number agrees with the birth year and gender", null, false,
            (o, _) => $"(IdNumbers.BirthYearMatches({o}.IdNumber, {o}.BirthYear) && IdNumbers.GenderMatches({o}.IdNumber, {o}.Gender))"),
        new("id_number_malformed", FieldScope.Owner,
            "Số định danh sai định dạng (không phải CCCD 12 số hay CMND 9 số)", "The ID number is malformed (neither a 12-digit CCCD nor a 9-digit CMND)", null, false,
            (o, _) => $"IdNumbers.IsMalformed({o}.IdNumber)"),
        new("id_number_legacy_cmnd", FieldScope.Owner,
            "Còn dùng CMND 9 số cũ", "Still a legacy 9-digit CMND", null, false,
            (o, _) => $"IdNumbers.IsLegacyCmnd({o}.IdNumber)"),
        new("name_matches_registry", FieldScope.Owner,
            "Họ tên khớp với CSDL dân cư (không phân biệt vị trí dấu thanh, hoa thường, khoảng trắng)",
            "The name matches the population registry, tolerant of tone-mark placement, case and spacing", null, false,
            (o, _) => $"VietnameseName.SamePerson({o}.FullName, {o}.RegistryFullName)"),
        new("name_lacks_diacritics_of_registry", FieldScope.Owner,
            "Họ tên là tên trong CSDL dân cư bị mất dấu", "The name is the registry's name with diacritics dropped", null, false,
            (o, _) => $"VietnameseName.LacksDiacriticsOf({o}.FullName, {o}.RegistryFullName)"),
        new("name_normalized", FieldScope.Owner,
            "Họ tên viết chuẩn (dựng sẵn NFC, một khoảng trắng, viết hoa chữ đầu)", "The name is written in standard form (NFC, single spaces, title case)", null, false,
            (o, _) => $"VietnameseName.IsNormalized({o}.FullName)"),
        new("birth_consistent_with_registry", FieldScope.Owner,
            "Ngày/năm sinh khớp với CSDL dân cư", "The birth date or year agrees with the registry", null, false,
            (o, _) => $"Dates.BirthConsistent({o}.BirthDate, {o}.BirthYear, {o}.RegistryBirthDate)"),
        new("owner_older_than", FieldScope.Owner,
            "Người sử dụng đất đã quá số tuổi (tham số: số năm)", "The right holder is older than the given age (parameter: years)", ValueKind.Number, true,
            (o, years) => $"Dates.AgeExceeds({o}.BirthDate, {o}.BirthYear, input1.EvaluatedOn, {years})"),
        new("owner_name_placeholder", FieldScope.Owner,
            "Họ tên là giá trị điền tạm (\"-\", \"N/A\", \"Không rõ\"…)", "The name is a filler (\"-\", \"N/A\", \"Không rõ\"…)", null, false,
            (o, _) => $"Texts.IsPlaceholder({o}.FullName)"),
        new("land_use_code_known", FieldScope.Purpose,
            "Mã mục đích sử dụng đất có trong danh mục", "The land-use code is on the official list", null, false,
            (p, _) => $"LandUse.IsKnown({p}.Code)"),
        new("land_use_code_legacy", FieldScope.Purpose,
            "Mã mục đích sử dụng đất thuộc danh mục cũ", "The land-use code is a legacy one", null, false,
            (p, _) => $"LandUse.IsLegacy({p}.Code)"),
        new("area_agrees_with_certificate", FieldScope.Parcel,
            "Diện tích đo đạc khớp diện tích trên giấy chứng nhận (tham số: sai số tương đối, ví dụ 0.05)",
            "The measured area agrees with the certificate's (parameter: relative tolerance, e.g. 0.05)", ValueKind.Number, false,
            (_, tolerance) => $"Areas.WithinTolerance(input1.AreaM2, input1.LegalAreaM2, {tolerance})"),
        new("geometry_agrees_with_area", FieldScope.Parcel,
            "Diện tích hình thể khớp diện tích đo đạc (tham số: sai số tương đối)",
            "The polygon's area agrees with the measured area (parameter: relative tolerance)", ValueKind.Number, false,
            (_, tolerance) => $"Areas.WithinTolerance(Areas.PolygonArea(input1.GeometryWkt), input1.AreaM2, {tolerance})"),
        new("purposes_add_up", FieldScope.Parcel,
            "Tổng diện tích các mục đích bằng diện tích thửa (tham số: sai số m²)",
            "The purposes' areas add up to the parcel's area (parameter: tolerance in m²)", ValueKind.Number, false,
            (_, tolerance) => $"Areas.PurposesAddUp(input1.AreaM2, input1.PurposeAreaSum, {tolerance})"),
        new("record_stale", FieldScope.Parcel,
            "Hồ sơ không được cập nhật quá số năm (tham số: số năm)", "The record was not updated for more than the given years (parameter: years)", ValueKind.Number, true,
            (_, years) => $"Dates.IsStale(input1.UpdatedOn, input1.EvaluatedOn, {years})"),
        new("address_placeholder", FieldScope.Parcel,
            "Địa chỉ là giá trị điền tạm (\"-\", \"N/A\", \"Không rõ\"…)", "The address is a filler (\"-\", \"N/A\", \"Không rõ\"…)", null, false,
            (_, _) => "Texts.IsPlaceholder(input1.Address)"),
    ];

    static readonly Dictionary<string, DomainCheck> ByName = All.ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);

    public static DomainCheck? Find(string name) => ByName.GetValueOrDefault(name.Trim());
}
