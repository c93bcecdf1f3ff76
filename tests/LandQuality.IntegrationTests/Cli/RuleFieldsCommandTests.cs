using System.Text.Json;

namespace LandQuality.IntegrationTests.Cli;

/// <summary><c>lq rules fields</c> prints the reference of what rules can use, without a database.</summary>
public sealed class RuleFieldsCommandTests
{
    [Fact]
    public async Task The_json_reference_names_every_field_with_both_labels()
    {
        var output = await Lq.SucceedsAsync("Host=unused", "rules", "fields", "--json");

        using var json = JsonDocument.Parse(output);
        var birth = json.RootElement.GetProperty("fields").EnumerateArray().Single(f => f.GetProperty("path").GetString() == "owner.BirthDate");
        Assert.Equal(("Ngày sinh", "Birth date", "date"), (birth.GetProperty("label_vi").GetString(), birth.GetProperty("label_en").GetString(), birth.GetProperty("type").GetString()));
        Assert.Contains(json.RootElement.GetProperty("checks").EnumerateArray(), c => c.GetProperty("name").GetString() == "name_matches_registry");
    }

    [Theory]
    [InlineData("vi", "Ngày cập nhật hồ sơ")]
    [InlineData("en", "Record last updated on")]
    public async Task The_table_is_in_the_language_asked_for(string lang, string label)
    {
        var output = await Lq.SucceedsAsync("Host=unused", "rules", "fields", "--lang", lang);

        Assert.Contains(label, output, StringComparison.Ordinal);
        Assert.Contains("VietnameseName.SamePerson", output, StringComparison.Ordinal);
    }
}
