using LandQuality.Review.Cases;

namespace LandQuality.Tests.Review;

/// <summary>The correction syntax a commune officer writes (<c>lq review decide --set FIELD=VALUE</c>), checked before anything is read.</summary>
public sealed class CorrectionFieldsTests
{
    const string Heir = "full_name=Nguyễn Thị Hoa;birth_date=1985-07-09;gender=Nữ;id_number=046185001234;share=0.50";

    [Theory]
    [InlineData("certificate_serial", "CS 123456")]
    [InlineData("owners[1].id_number", "046080001234")]
    [InlineData("land_use", "ODT:120;CLN:85.5")]
    [InlineData("land_use", null)] // no purposes, as an empty land_use column imports
    [InlineData("owners[+]", Heir)]
    [InlineData("owners[+]", "full_name=Lê Văn C")] // the keys left out are empty
    [InlineData("owners[2]", Heir)] // replaced
    [InlineData("owners[2]", null)] // removed
    [InlineData("retire_duplicate", "P-0002")]
    public void Well_formed_corrections_are_accepted(string field, string? value) => Assert.Null(CorrectionFields.Check(field, value));

    [Theory]
    [InlineData("land_use", "ODT:12,5", "land_use: purpose 'ODT:12,5': area '12,5' is not a number")]
    [InlineData("land_use", "O-T:3", "land_use: 'O-T:3' is not CODE:area")]
    [InlineData("owners[0].full_name", "An", "owners[0].full_name: owners are numbered from 1")]
    [InlineData("owners[0]", null, "owners[0]: owners are numbered from 1")]
    [InlineData("owners[+]", null, "owners[+]: give the new owner as full_name=…;birth_date=…;gender=…;id_number=…;share=…")]
    [InlineData("owners[+]", "full_name=An;age=40", "owners[+]: 'age=40' is not one of full_name=…")]
    [InlineData("owners[+]", "Nguyễn Văn An", "owners[+]: 'Nguyễn Văn An' is not one of full_name=…")]
    [InlineData("owners[+]", "full_name=An;full_name=Ân", "owners[+]: full_name is given twice")]
    [InlineData("owners[+]", "birth_date=1980", "owners[+]: full_name is empty: an owner needs a name")]
    [InlineData("owners[+]", "full_name=An;birth_date=03/02/1980", "owners[+]: birth_date '03/02/1980' is not a birth date (YYYY-MM-DD) or birth year (YYYY)")]
    [InlineData("owners[+]", "full_name=An;gender=X", "owners[+]: gender 'X' is not a gender (M or F)")]
    [InlineData("owners[+]", "full_name=An;share=1.5", "owners[+]: share 1.5 is not a fraction in (0, 1]")]
    [InlineData("owners[+]", "full_name=An;id_number=046080001234567890123", "owners[+]: id_number is longer than 20 characters")]
    [InlineData("owners[1]", "full_name=", "owners[1]: full_name is empty")]
    [InlineData("owners[1].id_number", "046080001234567890123", "owners[1].id_number: longer than 20 characters")]
    [InlineData("retire_duplicate", null, "retire_duplicate: name the duplicate parcel to retire (its parcel id)")]
    [InlineData("owners[-1]", null, "'owners[-1]' is not a correctable field (parcel: address")]
    [InlineData("owners[1].nickname", "Tí", "'owners[1].nickname' is not a correctable field")]
    [InlineData("landuse", "ODT:1", "'landuse' is not a correctable field")]
    public void Malformed_corrections_are_refused_saying_what_is_wrong(string field, string? value, string expected)
    {
        var why = CorrectionFields.Check(field, value);
        Assert.NotNull(why);
        Assert.StartsWith(expected, why, StringComparison.Ordinal);
    }

    [Fact]
    public void The_refusal_of_an_unknown_field_lists_the_whole_syntax()
    {
        var why = CorrectionFields.Check("owner[1]", "x")!;
        foreach (var part in (string[])["land_use=CODE:area;CODE:area", "owners[N].full_name|gender|id_number|share|birth_date", "owners[+]=full_name=…",
                     "owners[N] empty to remove it", "retire_duplicate=PARCEL_ID"])
            Assert.Contains(part, why, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("land_use", " odt:120.00 ; cln : 85.5 ;LUA", "ODT:120;CLN:85.5;LUA")]
    [InlineData("land_use", null, null)]
    [InlineData("owners[+]", "id_number=046185001234 ; full_name= Nguyễn Thị Hoa;gender=Nữ;share=0.50;birth_date=1985-07-09",
        "full_name=Nguyễn Thị Hoa;birth_date=1985-07-09;gender=F;id_number=046185001234;share=0.5")]
    [InlineData("owners[1]", "full_name=Lê Văn C;birth_date=1960", "full_name=Lê Văn C;birth_date=1960;gender=;id_number=;share=")]
    [InlineData("owners[1]", null, null)]
    [InlineData("retire_duplicate", " P-2 ", "P-2")]
    [InlineData("address", " Thôn 1 ", " Thôn 1 ")] // single columns are stored as given, as before
    public void Owners_and_land_use_are_stored_in_one_text_form(string field, string? value, string? expected) =>
        Assert.Equal(expected, CorrectionFields.Normalize(field, value));

    [Fact]
    public void A_decision_may_add_several_owners_and_retire_several_duplicates()
    {
        Assert.Null(CorrectionFields.CheckDecision([new("owners[1]", null), new("owners[+]", Heir), new("owners[+]", "full_name=Nguyễn Văn Nam"),
            new("retire_duplicate", "P-2"), new("retire_duplicate", "P-3")]));
    }

    [Fact]
    public void A_decision_is_refused_when_it_corrects_a_field_twice()
    {
        Assert.Equal("owners[1].id_number: corrected twice in one decision",
            CorrectionFields.CheckDecision([new("owners[1].id_number", "046080001234"), new("owners[1].id_number", "046080001235")]));
        Assert.Equal("retire_duplicate=P-2: corrected twice in one decision",
            CorrectionFields.CheckDecision([new("retire_duplicate", "P-2"), new("retire_duplicate", " P-2")]));
    }

    [Fact]
    public void A_decision_is_refused_when_it_corrects_a_field_of_an_owner_it_removes()
    {
        var why = CorrectionFields.CheckDecision([new("owners[2]", null), new("owners[2].id_number", "046080001234")]);
        Assert.Equal("owners[2].id_number: owners[2] is removed or replaced in the same decision; give its corrected fields in that owner's value", why);
    }

    [Fact]
    public void A_decision_reports_the_first_malformed_correction()
    {
        Assert.Equal("owners[+]: gender 'X' is not a gender (M or F)",
            CorrectionFields.CheckDecision([new("certificate_serial", "CS 1"), new("owners[+]", "full_name=An;gender=X"), new("land_use", "O-T")]));
    }

    [Theory]
    [InlineData("owners[3].full_name", "1, 2", "owners[3].full_name: the parcel has no owner 3 (its owners are numbered 1, 2)")]
    [InlineData("owners[1]", null, "owners[1]: the parcel has no owner 1 (it has no owners; add one with owners[+])")]
    [InlineData("owners[2]", "1, 3", "owners[2]: the parcel has no owner 2 (its owners are numbered 1, 3)")]
    [InlineData("owners[3]", "1, 3", null)]
    [InlineData("owners[+]", null, null)]
    public void Owner_numbers_are_checked_against_the_parcel(string field, string? owners, string? expected) =>
        Assert.Equal(expected, CorrectionFields.CheckTarget(new FieldChange(field, null), owners));

    [Theory]
    [InlineData("duplicate", null)]
    [InlineData(null, "retire_duplicate: there is no parcel P-2")]
    [InlineData("self", "retire_duplicate: a parcel cannot be retired into itself")]
    [InlineData("retired:P-9", "retire_duplicate: parcel P-2 is already retired (into P-9)")]
    [InlineData("key:19753 / 7 / 12", "retire_duplicate: parcel P-2 (commune / map sheet / parcel number 19753 / 7 / 12) is not a duplicate of this parcel")]
    public void Only_a_live_duplicate_can_be_retired(string? state, string? expected)
    {
        var why = CorrectionFields.CheckTarget(new FieldChange("retire_duplicate", "P-2"), state);
        if (expected is null)
            Assert.Null(why);
        else
            Assert.StartsWith(expected, why, StringComparison.Ordinal);
    }
}
