using System.Text;
using LandQuality.Rules;
using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Facts;

namespace LandQuality.Tests.Rules.DefaultRules;

/// <summary>
/// A name written differently is not a different person, and a birth year is not a contradiction
/// of a full date in that year: the correct dimension must stay quiet (the clean dimension may ask
/// for the spelling to be normalised).
/// </summary>
public class VariantsAreNotDifferencesTests
{
    static readonly CompiledRuleSet Rules = CompiledRuleSet.Compile(RuleFiles.LoadDefault());

    static List<Finding> Evaluate(Func<OwnerFacts, OwnerFacts> change)
    {
        var clean = DefaultRuleCases.Clean;
        return Rules.Evaluate(clean with { Owners = [change(clean.Owners[0])] });
    }

    [Theory]
    [InlineData("Trần Thị Hoà", "Trần Thị Hòa")]
    [InlineData("Lê Thuỷ", "Lê Thủy")]
    [InlineData("Phạm Khoẻ", "Phạm Khỏe")]
    [InlineData("TRẦN THỊ HÒA", "Trần Thị Hòa")]
    [InlineData("trần thị hoà", "Trần Thị Hòa")]
    [InlineData("  Trần   Thị Hòa ", "Trần Thị Hòa")]
    [InlineData("Trần\tThị Hòa", "Trần Thị Hòa")]
    [InlineData("Tôn Thất Hoà", "TÔN THẤT HÒA")]
    public void A_name_variant_is_no_correct_dimension_finding(string landName, string registryName)
    {
        string[] forms = [landName, landName.Normalize(NormalizationForm.FormD), landName.Normalize(NormalizationForm.FormC)];
        foreach (var form in forms)
        {
            var findings = Evaluate(o => o with { FullName = form, RegistryFullName = registryName });
            Assert.DoesNotContain(findings, f => f.Dimension == Dimension.Correct);
            Assert.All(findings, f => Assert.Equal("name_not_normalized", f.RuleName));
        }
    }

    [Fact]
    public void The_traditional_form_in_NFC_is_no_finding_at_all() =>
        Assert.Empty(Evaluate(o => o with { FullName = "Trần Thị Hoà", RegistryFullName = "Trần Thị Hòa" }));

    [Fact]
    public void A_name_without_diacritics_is_a_clean_up_finding_not_a_different_person()
    {
        var findings = Evaluate(o => o with { FullName = "Tran Thi Hoa", RegistryFullName = "Trần Thị Hòa" });
        Assert.Equal(["name_missing_diacritics"], findings.Select(f => f.RuleName));
    }

    [Fact]
    public void A_birth_year_agrees_with_a_full_registry_date_of_that_year()
    {
        Assert.Empty(Evaluate(o => o with { BirthDate = null, BirthYear = 1978, RegistryBirthDate = new DateOnly(1978, 11, 30) }));
        Assert.Equal(["birth_date_differs"], Evaluate(o => o with { BirthDate = null, BirthYear = 1978, RegistryBirthDate = new DateOnly(1979, 1, 1) }).Select(f => f.RuleName));
    }

    [Fact]
    public void Gender_letters_in_another_case_are_the_same_gender() =>
        Assert.Empty(Evaluate(o => o with { Gender = "m", RegistryGender = "M" }));
}
