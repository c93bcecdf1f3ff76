using LandQuality.Generation;
using LandQuality.Interchange;
using LandQuality.Reference;

namespace LandQuality.Tests.Generation;

/// <summary><c>lq generate --province</c>: any 2025 province from the shipped reference communes, several in one data set.</summary>
public sealed class ProvinceGenerationTests : IDisposable
{
    readonly string _dir = Path.Combine(Path.GetTempPath(), "lq-gen-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir))
            Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Two_provinces_share_one_data_set_with_their_own_communes_names_and_id_codes_and_no_id_twice()
    {
        SyntheticDataGenerator.Generate(new GeneratorOptions { Parcels = 6000, Seed = 5, Provinces = ["01", "96"] }, _dir);

        var communes = ReferenceData.Current.Communes.Values.ToDictionary(c => c.Code, c => c.ProvinceCode, StringComparer.Ordinal);
        var parcels = CsvTestReader.ReadFile(Path.Combine(_dir, InterchangeFiles.Parcels))[1..];
        var communeColumn = Array.IndexOf(InterchangeFiles.ParcelColumns, "commune_code");
        var byProvince = parcels.GroupBy(p => communes[p[communeColumn]]).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        Assert.Equal(["01", "96"], byProvince.Keys.Order(StringComparer.Ordinal));
        Assert.All(byProvince.Values, count => Assert.InRange(count, 1500, 4500));
        Assert.All(parcels, p => Assert.StartsWith(p[communeColumn] + "-", p[0], StringComparison.Ordinal));

        var population = CsvTestReader.ReadFile(Path.Combine(_dir, InterchangeFiles.Population))[1..];
        Assert.Equal(population.Count, population.Select(p => p[0]).Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(population, p => p[4].EndsWith("Thành phố Hà Nội", StringComparison.Ordinal));
        Assert.Contains(population, p => p[4].EndsWith("Tỉnh Cà Mau", StringComparison.Ordinal));
        Assert.DoesNotContain(population, p => p[4].EndsWith("Thành phố Huế", StringComparison.Ordinal));
        var cccd = population.Where(p => p[0].Length == 12).ToList();
        Assert.True(cccd.Count(p => p[0].StartsWith("001", StringComparison.Ordinal)) > cccd.Count / 4);
        Assert.True(cccd.Count(p => p[0].StartsWith("096", StringComparison.Ordinal)) > cccd.Count / 4);
    }

    [Fact]
    public void An_unknown_province_is_refused_with_the_known_codes()
    {
        var error = Assert.Throws<ArgumentException>(() => new GeneratorOptions { Provinces = ["99"] }.Validate());
        Assert.Contains("'99'", error.Message, StringComparison.Ordinal);
        Assert.Contains("46", error.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new GeneratorOptions { Provinces = ["46", "46"] }.Validate());
    }
}
