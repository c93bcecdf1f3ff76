namespace LandQuality.Parcels;

/// <summary>
/// A land parcel (thửa đất) as the cadastral record holds it (Circular 09/2024/TT-BTNMT). Its
/// purposes, certificate and owners live in their own tables keyed by parcel id, without foreign
/// keys: they are bulk-loaded a million rows at a time, where per-row RI checks (which also lock
/// every parent row) cost several times the load; the importer rejects orphans explicitly instead.
/// </summary>
public sealed class Parcel
{
    public required string ParcelId { get; init; }
    /// <summary>5-digit commune code of the 2025 administrative units.</summary>
    public required string CommuneCode { get; set; }
    /// <summary>Số tờ bản đồ.</summary>
    public int? MapSheet { get; set; }
    /// <summary>Số thửa.</summary>
    public int? ParcelNo { get; set; }
    public string? Address { get; set; }
    /// <summary>Area measured on the cadastral map, m².</summary>
    public decimal? AreaM2 { get; set; }
    /// <summary>Area recognised on the certificate, m².</summary>
    public decimal? LegalAreaM2 { get; set; }
    /// <summary>Thời hạn sử dụng, e.g. "Lâu dài" or "2064-10-15".</summary>
    public string? LandUseTerm { get; set; }
    /// <summary>Nguồn gốc sử dụng, e.g. "Nhà nước giao đất có thu tiền sử dụng đất".</summary>
    public string? LandUseOrigin { get; set; }
    public string? GeometryWkt { get; set; }
    public DateOnly? UpdatedOn { get; set; }
    /// <summary>The import that last wrote this record, so an auditor can trace where it came from.</summary>
    public long ImportId { get; set; }
    /// <summary>PostgreSQL xmin: the optimistic concurrency token for reviewers' edits.</summary>
    public uint Revision { get; set; }
}

/// <summary>One land-use purpose of a parcel with the area used for it.</summary>
public sealed class ParcelPurpose
{
    public required string ParcelId { get; init; }
    /// <summary>Position of the purpose in the record, 1-based; with ParcelId the key.</summary>
    public required int Seq { get; init; }
    public required string Code { get; set; }
    public decimal? AreaM2 { get; set; }
    public uint Revision { get; set; }
}

/// <summary>Giấy chứng nhận quyền sử dụng đất.</summary>
public sealed class Certificate
{
    public required string ParcelId { get; init; }
    /// <summary>Số phát hành.</summary>
    public string? Serial { get; set; }
    /// <summary>Số vào sổ cấp giấy chứng nhận.</summary>
    public string? BookNo { get; set; }
    public DateOnly? IssuedOn { get; set; }
    public uint Revision { get; set; }
}
