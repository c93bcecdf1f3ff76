namespace LandQuality.Rules.Authoring;

/// <summary>A field's Vietnamese and English labels and an example value, as the reference shows them.</summary>
public sealed record FieldLabel(string Vi, string En, string Example);

/// <summary>
/// The labels of the parcel view's fields, keyed by their path in the reference (<c>AreaM2</c>,
/// <c>owner.FullName</c>, <c>purpose.Code</c>). The fields themselves come from reflection
/// (<see cref="ViewFields"/>); a unit test fails when a public member has no label here, so a new
/// fact cannot reach the editor unnamed.
/// </summary>
public static class FieldLabels
{
    public static IReadOnlyDictionary<string, FieldLabel> All { get; } = new Dictionary<string, FieldLabel>(StringComparer.Ordinal)
    {
        ["ParcelId"] = new("Mã thửa đất", "Parcel id", "46-19753-7-120"),
        ["CommuneCode"] = new("Mã xã/phường", "Commune code", "19753"),
        ["MapSheet"] = new("Số tờ bản đồ", "Map sheet number", "7"),
        ["ParcelNo"] = new("Số thửa", "Parcel number", "120"),
        ["Address"] = new("Địa chỉ thửa đất", "Parcel address", "Kiệt 12 Lê Lợi"),
        ["AreaM2"] = new("Diện tích đo đạc (m²)", "Measured area (m²)", "200.5"),
        ["LegalAreaM2"] = new("Diện tích trên giấy chứng nhận (m²)", "Area on the certificate (m²)", "200"),
        ["LandUseTerm"] = new("Thời hạn sử dụng", "Land-use term", "Lâu dài"),
        ["LandUseOrigin"] = new("Nguồn gốc sử dụng", "Land-use origin", "Nhà nước giao đất có thu tiền"),
        ["GeometryWkt"] = new("Hình thể thửa (WKT, VN-2000)", "Parcel polygon (WKT, VN-2000)", "POLYGON((0 0,10 0,10 20,0 20,0 0))"),
        ["UpdatedOn"] = new("Ngày cập nhật hồ sơ", "Record last updated on", "2024-01-02"),
        ["Purposes"] = new("Các mục đích sử dụng đất", "Land-use purposes", "ODT:120; CLN:80"),
        ["PurposeAreaSum"] = new("Tổng diện tích các mục đích (m²)", "Sum of the purposes' areas (m²)", "200"),
        ["HasCertificate"] = new("Đã có giấy chứng nhận", "Has a certificate", "true"),
        ["CertificateSerial"] = new("Số phát hành giấy chứng nhận", "Certificate serial number", "CS 100120"),
        ["CertificateBookNo"] = new("Số vào sổ cấp giấy chứng nhận", "Certificate book number", "CH00120"),
        ["CertificateIssuedOn"] = new("Ngày cấp giấy chứng nhận", "Certificate issued on", "2010-05-06"),
        ["Owners"] = new("Người sử dụng đất", "Right holders", "2 người"),
        ["DuplicateKeyCount"] = new("Số thửa trùng xã + tờ + số thửa (kể cả thửa này)", "Parcels sharing commune + sheet + number (itself included)", "1"),
        ["EvaluatedOn"] = new("Ngày kiểm tra (hôm nay của lần chạy)", "Evaluation day (the run's today)", "2026-12-07"),

        ["owner.Seq"] = new("Thứ tự người sử dụng đất", "Right holder's position", "1"),
        ["owner.FullName"] = new("Họ tên", "Full name", "Nguyễn Văn Bình"),
        ["owner.BirthDate"] = new("Ngày sinh", "Birth date", "1980-02-03"),
        ["owner.BirthYear"] = new("Năm sinh", "Birth year", "1980"),
        ["owner.Gender"] = new("Giới tính (M/F)", "Gender (M/F)", "M"),
        ["owner.IdNumber"] = new("Số định danh cá nhân (CCCD/CMND)", "Personal ID number (CCCD/CMND)", "046080000120"),
        ["owner.Share"] = new("Tỷ lệ sở hữu (0–1)", "Ownership share (0–1)", "0.5"),
        ["owner.RegistryFound"] = new("Có trong Cơ sở dữ liệu quốc gia về dân cư", "Found in the population registry", "true"),
        ["owner.RegistryFullName"] = new("Họ tên theo CSDL dân cư", "Full name in the registry", "Nguyễn Văn Bính"),
        ["owner.RegistryBirthDate"] = new("Ngày sinh theo CSDL dân cư", "Birth date in the registry", "1980-02-03"),
        ["owner.RegistryGender"] = new("Giới tính theo CSDL dân cư", "Gender in the registry", "M"),
        ["owner.RegistryDeceased"] = new("CSDL dân cư ghi đã chết", "Registry records the person as deceased", "false"),
        ["owner.NamesForIdNumber"] = new("Số họ tên khác nhau mang cùng số định danh", "Different names carrying this ID number", "1"),

        ["purpose.Code"] = new("Mã mục đích sử dụng đất", "Land-use code", "ODT"),
        ["purpose.AreaM2"] = new("Diện tích của mục đích (m²)", "Area of the purpose (m²)", "120"),
    };
}
