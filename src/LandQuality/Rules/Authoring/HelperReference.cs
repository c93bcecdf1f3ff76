using System.Reflection;
using LandQuality.Rules.Helpers;

namespace LandQuality.Rules.Authoring;

/// <summary>A helper method rules may call, with its signature and a plain description in both languages.</summary>
public sealed record HelperEntry(string Type, string Method, string Signature, string Vi, string En);

/// <summary>
/// Every public method of the rule helpers (<see cref="RuleHelpers.CustomTypes"/>), found by reflection,
/// described from the catalogue below keyed by <c>Type.Method</c>; a unit test fails when a helper has no
/// description, so a new helper cannot reach policy staff unexplained.
/// </summary>
public static class HelperReference
{
    public static IReadOnlyDictionary<string, (string Vi, string En)> Descriptions { get; } = new Dictionary<string, (string, string)>(StringComparer.Ordinal)
    {
        ["VietnameseName.Normalize"] = ("Dạng chuẩn của họ tên: dựng sẵn, một khoảng trắng, viết hoa chữ đầu, dấu thanh đặt kiểu truyền thống.",
            "The standard form of a name: composed, single spaces, title case, traditional tone placement."),
        ["VietnameseName.IsNormalized"] = ("Họ tên đã viết chuẩn (không xét kiểu đặt dấu thanh); trống được coi là chuẩn.",
            "The name is already in standard form (tone placement style aside); missing counts as standard."),
        ["VietnameseName.SamePerson"] = ("Hai họ tên là một, bỏ qua hoa thường, khoảng trắng và vị trí dấu thanh (Hoà = Hòa); các dấu khác vẫn tính.",
            "The same name ignoring case, spacing and tone-mark placement (Hoà = Hòa); other diacritics count."),
        ["VietnameseName.StripAccents"] = ("Họ tên bỏ hết dấu, chữ thường: \"Nguyễn Văn Đông\" → \"nguyen van dong\".",
            "The name without any diacritics, lower case: \"Nguyễn Văn Đông\" → \"nguyen van dong\"."),
        ["VietnameseName.SameIgnoringAccents"] = ("Hai họ tên giống nhau khi bỏ hết dấu, hoa thường và khoảng trắng.",
            "Two names are equal ignoring all diacritics, case and spacing."),
        ["VietnameseName.LacksDiacriticsOf"] = ("Họ tên trên hồ sơ đất là họ tên trong CSDL dân cư bị mất một phần hay toàn bộ dấu.",
            "The land record's name is the registry's name with some or all diacritics dropped."),
        ["VietnameseName.Surname"] = ("Họ của người (kể cả họ kép như Tôn Thất, Nguyễn Phúc).",
            "The surname (compound ones such as Tôn Thất, Nguyễn Phúc included)."),
        ["IdNumbers.Kind"] = ("Loại số định danh: \"cccd\", \"cmnd\", \"malformed\" (sai) hoặc \"missing\" (trống).",
            "The kind of ID number: \"cccd\", \"cmnd\", \"malformed\" or \"missing\"."),
        ["IdNumbers.IsCccd"] = ("Là số căn cước công dân 12 chữ số.", "A 12-digit citizen ID card number."),
        ["IdNumbers.IsLegacyCmnd"] = ("Là số chứng minh nhân dân cũ 9 chữ số.", "A legacy 9-digit identity card number."),
        ["IdNumbers.IsMalformed"] = ("Có số nhưng không phải CCCD hay CMND.", "Present but neither a CCCD nor a CMND."),
        ["IdNumbers.HasKnownProvinceCode"] = ("CCCD có mã tỉnh (3 số đầu) trong danh mục.", "A CCCD whose province code (first 3 digits) is on the official list."),
        ["IdNumbers.GenderMatches"] = ("Giới tính khớp với giới tính mã hóa trong CCCD (sai chỉ khi có mâu thuẫn thật).",
            "The gender agrees with the one the CCCD encodes (false only on a real contradiction)."),
        ["IdNumbers.BirthYearMatches"] = ("Năm sinh khớp với năm sinh mã hóa trong CCCD (sai chỉ khi có mâu thuẫn thật).",
            "The birth year agrees with the one the CCCD encodes (false only on a real contradiction)."),
        ["LandUse.IsKnown"] = ("Mã mục đích sử dụng đất có trong danh mục (hiện hành hoặc cũ).", "The land-use code is on the list (current or legacy)."),
        ["LandUse.IsCurrent"] = ("Mã mục đích sử dụng đất theo danh mục hiện hành.", "The land-use code is a current one."),
        ["LandUse.IsLegacy"] = ("Mã mục đích sử dụng đất theo danh mục cũ.", "The land-use code is a legacy one."),
        ["LandUse.MapsTo"] = ("Mã hiện hành thay cho một mã cũ.", "The current code a legacy code maps to."),
        ["LandUse.IsResidential"] = ("Mã đất ở (ODT, ONT).", "A residential land-use code (ODT, ONT)."),
        ["Areas.WithinTolerance"] = ("Hai diện tích chênh nhau không quá sai số tương đối (0.05 = 5 %).",
            "Two areas differ by no more than the relative tolerance (0.05 = 5 %)."),
        ["Areas.PurposesAddUp"] = ("Tổng diện tích các mục đích bằng diện tích thửa, sai số tính bằng m².",
            "The purposes' areas add up to the parcel's, tolerance in m²."),
        ["Areas.PolygonArea"] = ("Diện tích (m²) của hình thể WKT; trống khi hình thể sai.", "The area (m²) of a WKT polygon; empty when it is malformed."),
        ["Areas.GeometryMatches"] = ("Diện tích hình thể khớp diện tích ghi nhận trong sai số tương đối.",
            "The polygon's area agrees with the recorded area within the relative tolerance."),
        ["Dates.IsPlaceholder"] = ("Ngày điền tạm (01/01/1900 và các ngày tương tự).", "A placeholder date (1900-01-01 and the like)."),
        ["Dates.IsInFuture"] = ("Ngày sau hôm nay của lần kiểm tra.", "A date after the evaluation's today."),
        ["Dates.IsStale"] = ("Hồ sơ cập nhật cách đây hơn số năm cho trước.", "Last updated more than the given number of years ago."),
        ["Dates.AgeExceeds"] = ("Tuổi (tính theo năm sinh) vượt quá số tuổi cho trước.", "The age (from the birth year) exceeds the given age."),
        ["Dates.BirthConsistent"] = ("Ngày/năm sinh trên hồ sơ đất khớp với CSDL dân cư.", "The land record's birth date or year agrees with the registry."),
        ["Texts.IsPlaceholder"] = ("Văn bản là giá trị điền tạm như \"-\", \"N/A\", \"Không rõ\".", "The text is a filler such as \"-\", \"N/A\", \"Không rõ\"."),
        ["Texts.Matches"] = ("Văn bản khớp biểu thức chính quy (giới hạn thời gian 100 ms).", "The text matches a regular expression (time limit 100 ms)."),
    };

    public static IReadOnlyList<HelperEntry> All { get; } = RuleHelpers.CustomTypes
        .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static).Where(m => !m.IsSpecialName).Select(m => (Type: t, Method: m)))
        .GroupBy(x => $"{x.Type.Name}.{x.Method.Name}", StringComparer.Ordinal)
        .Select(g =>
        {
            var (type, method) = g.First();
            var description = Descriptions.GetValueOrDefault(g.Key, ("", ""));
            return new HelperEntry(type.Name, method.Name, string.Join(" | ", g.Select(x => Signature(x.Method))), description.Item1, description.Item2);
        })
        .ToList();

    static string Signature(MethodInfo m) =>
        $"{m.DeclaringType!.Name}.{m.Name}({string.Join(", ", m.GetParameters().Select(p => $"{TypeName(p.ParameterType)} {p.Name}"))}) → {TypeName(m.ReturnType)}";

    static string TypeName(Type t) => Nullable.GetUnderlyingType(t) is { } u ? TypeName(u) + "?" : t.Name switch
    {
        "String" => "string", "Boolean" => "bool", "Int32" => "int", "Decimal" => "decimal", _ => t.Name,
    };
}
