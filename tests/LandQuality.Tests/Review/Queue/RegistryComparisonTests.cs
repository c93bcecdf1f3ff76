using LandQuality.Parcels;
using LandQuality.Registry;
using LandQuality.Review.Queue;

namespace LandQuality.Tests.Review.Queue;

public sealed class RegistryComparisonTests
{
    static readonly Func<string?, string?> Whole = id => id;

    static Owner Owner(string name, DateOnly? birth = null, int? year = null, string? gender = "M", string? id = "046080001234") => new()
    {
        ParcelId = "P", Seq = 1, FullName = name, BirthDate = birth, BirthYear = year ?? birth?.Year, Gender = gender, IdNumber = id,
    };

    static PopulationRecord Registry(string name, DateOnly? birth, string? gender = "M", LifeStatus status = LifeStatus.Alive) => new()
    {
        IdNumber = "046080001234", FullName = name, BirthDate = birth, Gender = gender, Status = status,
    };

    [Fact]
    public void The_same_person_shows_no_difference_and_a_birth_year_agrees_with_a_date_of_that_year()
    {
        var view = RegistryComparison.Compare(Owner("Nguyễn Văn An", year: 1980), Registry("Nguyễn Văn An", new DateOnly(1980, 2, 3)), Whole);

        Assert.Empty(view.Differences);
        Assert.Equal(("1980", "1980-02-03", "alive"), (view.BirthDate, view.Registry!.BirthDate, view.Registry.Status));
    }

    [Fact]
    public void Name_birth_date_gender_and_death_are_marked_each_with_both_values()
    {
        var view = RegistryComparison.Compare(Owner("Nguyen Van An", new DateOnly(1980, 2, 4), gender: "F"),
            Registry("Nguyễn Văn An", new DateOnly(1980, 2, 3), "M", LifeStatus.Deceased), Whole);

        Assert.Equal([("full_name", "Nguyen Van An", "Nguyễn Văn An"), ("birth_date", "1980-02-04", "1980-02-03"), ("gender", "F", "M"), ("status", "alive", "deceased")],
            view.Differences.Select(d => (d.Field, d.Land, d.Registry)));
        Assert.Equal("differs in accents only", view.Differences[0].Note);
    }

    [Fact]
    public void An_owner_without_a_registry_record_says_why_and_keeps_the_id_number_masked()
    {
        var view = RegistryComparison.Compare(Owner("Nguyễn Văn An"), null, id => Roles.MaskIdNumber(Roles.DepartmentReviewer, id));

        Assert.Null(view.Registry);
        Assert.Equal(("id_number", "046*******34", "not in the population registry"), (view.Differences.Single().Field, view.Differences.Single().Land, view.Differences.Single().Note));
        Assert.Equal("046*******34", view.IdNumber);
    }

    [Theory]
    [InlineData("Area missing or not positive: AreaM2=$(input1.AreaM2).", "Area missing or not positive: AreaM2=(missing).")]
    [InlineData("Measured 12.5 m², certificate $(input1.LegalAreaM2) m².", "Measured 12.5 m², certificate (missing) m².")]
    [InlineData("2 parcels share commune 19753, sheet 1, parcel 44.", "2 parcels share commune 19753, sheet 1, parcel 44.")]
    public void A_placeholder_left_by_a_null_value_reads_as_missing(string stored, string shown) =>
        Assert.Equal(shown, TaskDetails.FillPlaceholders(stored));
}
