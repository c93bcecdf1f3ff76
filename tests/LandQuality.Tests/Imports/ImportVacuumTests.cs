using LandQuality.Imports;
using LandQuality.Interchange;

namespace LandQuality.Tests.Imports;

/// <summary>Which tables the vacuum after an import covers, and whether it analyses them.</summary>
public sealed class ImportVacuumTests
{
    static StagedFile File(string name, long read, long staged) => new(name, read, 0, "", 0, staged);

    [Fact]
    public void After_a_small_change_only_the_owners_are_vacuumed_and_nothing_is_analysed()
    {
        var (tables, analyze) = ImportVacuum.Plan([
            File(InterchangeFiles.Owners, 1_600_000, 33_000), File(InterchangeFiles.Parcels, 1_120_000, 11_200),
            File(InterchangeFiles.Population, 1_030_000, 10_300)]);

        Assert.Equal(["owners"], tables);
        Assert.False(analyze);
    }

    [Fact]
    public void A_small_change_without_owners_vacuums_nothing()
    {
        var (tables, _) = ImportVacuum.Plan([File(InterchangeFiles.Parcels, 1_120_000, 11_200), File(InterchangeFiles.Population, 1_030_000, 10_300)]);

        Assert.Empty(tables);
    }

    [Fact]
    public void A_large_change_of_one_file_vacuums_and_analyses_every_table_written()
    {
        var (tables, analyze) = ImportVacuum.Plan([
            File(InterchangeFiles.Owners, 1_600_000, 0), File(InterchangeFiles.Parcels, 1_120_000, 200_000),
            File(InterchangeFiles.Population, 1_030_000, 10_300)]);

        Assert.Equal(["parcels", "certificates", "parcel_purposes", "population_records"], tables);
        Assert.True(analyze);
    }
}
