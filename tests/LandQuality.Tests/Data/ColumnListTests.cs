using LandQuality.Data;

namespace LandQuality.Tests.Data;

public sealed class ColumnListTests
{
    static readonly ColumnList Columns = new("p.parcel_id", "commune_code", "c.parcel_id IS NOT NULL AS has_certificate", "count(*) as parcels");

    [Fact]
    public void A_column_is_found_by_the_name_it_is_selected_as_at_its_place_in_the_list()
    {
        Assert.Equal(0, Columns["parcel_id"]);
        Assert.Equal(1, Columns["commune_code"]);
        Assert.Equal(2, Columns["has_certificate"]);
        Assert.Equal(3, Columns["parcels"]);
    }

    [Fact]
    public void The_select_list_is_the_columns_in_order() =>
        Assert.Equal("p.parcel_id, commune_code, c.parcel_id IS NOT NULL AS has_certificate, count(*) as parcels", Columns.Sql);

    [Fact]
    public void Columns_added_after_keep_the_first_ordinals()
    {
        var joined = Columns.Then("r.full_name AS registry_full_name");

        Assert.Equal(0, joined["parcel_id"]);
        Assert.Equal(4, joined["registry_full_name"]);
        Assert.Equal(5, joined.Count);
    }

    [Fact]
    public void A_name_not_selected_or_selected_twice_is_refused()
    {
        Assert.Throws<ArgumentException>(() => Columns["serial"]);
        Assert.Throws<ArgumentException>(() => Columns.Then("o.parcel_id")["parcel_id"]);
    }
}
