using LandQuality.Registry;

namespace LandQuality.Interchange;

/// <summary>One land-use purpose as written in the <c>land_use</c> column: <c>CODE:area</c>.</summary>
public readonly record struct PurposeRow(string Code, decimal? AreaM2);

/// <summary>A parsed, structurally valid row of parcels.csv (data-quality defects are kept for the rules).</summary>
public sealed record ParcelRow(
    string ParcelId,
    string CommuneCode,
    int? MapSheet,
    int? ParcelNo,
    string? Address,
    decimal? AreaM2,
    decimal? LegalAreaM2,
    IReadOnlyList<PurposeRow> Purposes,
    string? CertificateSerial,
    string? CertificateBookNo,
    DateOnly? CertificateIssuedOn,
    string? GeometryWkt,
    DateOnly? UpdatedOn,
    string? LandUseTerm,
    string? LandUseOrigin);

/// <summary>A parsed row of owners.csv. BirthYear is set whenever BirthDate is.</summary>
public sealed record OwnerRow(
    string ParcelId,
    string FullName,
    DateOnly? BirthDate,
    int? BirthYear,
    string? Gender,
    string? IdNumber,
    decimal? Share);

/// <summary>A parsed row of population.csv.</summary>
public sealed record PopulationRow(
    string IdNumber,
    string FullName,
    DateOnly? BirthDate,
    string? Gender,
    string? PermanentAddress,
    LifeStatus Status);

/// <summary>Why a row was refused: the 1-based physical line where it starts, the column (if one is to blame) and the reason.</summary>
public sealed record RowError(long Line, string? Column, string Reason)
{
    /// <summary>For row parsers: no row, and why not, at the record's first line.</summary>
    public static T? Reject<T>(CsvRecord record, string? column, string reason, out RowError error) where T : class
    {
        error = new RowError(record.FirstLine, column, reason);
        return null;
    }
}
