namespace LandQuality.Parcels;

/// <summary>A right holder of a parcel (LADM party + right).</summary>
public sealed class Owner
{
    public required string ParcelId { get; init; }
    /// <summary>Position of the owner in the record, 1-based; with ParcelId the key.</summary>
    public required int Seq { get; init; }
    public required string FullName { get; set; }
    /// <summary>Set when the record holds a full date.</summary>
    public DateOnly? BirthDate { get; set; }
    /// <summary>Always set when any birth information is known (older records hold only the year).</summary>
    public int? BirthYear { get; set; }
    /// <summary>"M" or "F".</summary>
    public string? Gender { get; set; }
    /// <summary>12-digit CCCD or legacy 9-digit CMND, kept as written: malformed values are findings, not import errors.</summary>
    public string? IdNumber { get; set; }
    /// <summary>Ownership fraction; null means equal shares.</summary>
    public decimal? Share { get; set; }
    /// <summary>The import that last wrote this owner row.</summary>
    public long ImportId { get; set; }
    public uint Revision { get; set; }
}
