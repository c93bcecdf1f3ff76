namespace LandQuality.Interchange;

/// <summary>
/// The canonical interchange format: three UTF-8 CSV files with a header row, comma-separated,
/// RFC 4180 quoting. Import accepts extra columns and any column order; these columns are the ones
/// it understands, and the generator writes exactly the required ones in this order.
/// </summary>
public static class InterchangeFiles
{
    public const string Parcels = "parcels.csv";
    public const string Owners = "owners.csv";
    public const string Population = "population.csv";
    public const string Defects = "defects.csv";

    public static readonly string[] ParcelColumns =
    [
        "parcel_id", "commune_code", "map_sheet", "parcel_no", "address", "area_m2", "legal_area_m2", "land_use",
        "certificate_serial", "certificate_book_no", "certificate_issued_on", "geometry_wkt", "updated_on",
    ];

    /// <summary>Optional parcel columns: read when present, never required.</summary>
    public static readonly string[] OptionalParcelColumns = ["land_use_term", "land_use_origin"];

    public static readonly string[] OwnerColumns = ["parcel_id", "full_name", "birth_date", "gender", "id_number", "share"];

    public static readonly string[] PopulationColumns = ["id_number", "full_name", "birth_date", "gender", "permanent_address", "status"];
}
