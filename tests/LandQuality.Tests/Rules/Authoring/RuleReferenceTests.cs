using System.Reflection;
using LandQuality.Rules.Authoring;
using LandQuality.Rules.Facts;
using LandQuality.Rules.Helpers;
using LandQuality.Rules.Validation;
using RulesEngine.Models;

namespace LandQuality.Tests.Rules.Authoring;

/// <summary>The reference of what rules can use is generated from the code, and nothing in it goes unexplained.</summary>
public class RuleReferenceTests
{
    public static TheoryData<string> ViewMembers()
    {
        var data = new TheoryData<string>();
        foreach (var (type, prefix) in new[] { (typeof(ParcelFacts), ""), (typeof(OwnerFacts), "owner."), (typeof(PurposeFacts), "purpose.") })
            foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                data.Add(prefix + p.Name);
        return data;
    }

    [Theory]
    [MemberData(nameof(ViewMembers))]
    public void Every_public_member_of_the_view_has_labels_an_example_and_a_type(string path)
    {
        var field = RuleReference.Current.Fields.SingleOrDefault(f => f.Path == path);

        Assert.NotNull(field);
        Assert.False(string.IsNullOrWhiteSpace(field.LabelVi), $"{path} has no Vietnamese label: add it to FieldLabels.");
        Assert.False(string.IsNullOrWhiteSpace(field.LabelEn), $"{path} has no English label: add it to FieldLabels.");
        Assert.False(string.IsNullOrWhiteSpace(field.Example), $"{path} has no example: add it to FieldLabels.");
        Assert.NotEmpty(field.Operators);
    }

    [Fact]
    public void The_label_catalogue_names_no_field_that_does_not_exist() =>
        Assert.All(FieldLabels.All.Keys, key => Assert.NotNull(ViewFields.Find(key)));

    [Fact]
    public void Every_helper_method_is_described_in_both_languages()
    {
        var methods = RuleHelpers.CustomTypes.SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Static).Select(m => $"{t.Name}.{m.Name}")).Distinct();

        Assert.All(methods, name =>
        {
            var entry = HelperReference.All.Single(h => $"{h.Type}.{h.Method}" == name);
            Assert.False(string.IsNullOrWhiteSpace(entry.Vi) || string.IsNullOrWhiteSpace(entry.En), $"{name} has no description: add it to HelperReference.");
        });
    }

    [Fact]
    public void Types_and_operators_come_from_the_code()
    {
        var area = RuleReference.Current.Fields.Single(f => f.Path == "AreaM2");
        var issued = RuleReference.Current.Fields.Single(f => f.Path == "CertificateIssuedOn");

        Assert.Equal(("number", true), (area.Type, area.Nullable));
        Assert.DoesNotContain("matches", area.Operators);
        Assert.Contains("older_than_years", issued.Operators);
        Assert.Contains(RuleReference.Current.Checks, c => c.Name == "name_matches_registry" && c.Vi.Contains("dấu thanh", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("input1.UpdateOn != null", "UpdatedOn")]
    [InlineData("input1.Owners.All(o => o.FulName != null)", "FullName")]
    [InlineData("IdNumber.IsCccd(\"1\")", "IdNumbers")]
    public void A_misspelt_name_in_a_raw_expression_suggests_the_nearest_with_its_position(string expression, string suggestion)
    {
        var workflow = new Workflow
        {
            WorkflowName = "w",
            Rules = [new Rule
            {
                RuleName = "r", Expression = expression,
                Properties = new() { ["dimension"] = "correct", ["severity"] = "error", ["stage"] = "commune", ["message_vi"] = "v", ["message_en"] = "e" },
            }],
        };

        var problem = Assert.Single(RuleSetChecker.Check([workflow]), p => p.Level == ProblemLevel.Error);

        Assert.EndsWith($"(did you mean `{suggestion}`?)", problem.Message, StringComparison.Ordinal);
        Assert.NotNull(problem.Position);
    }

    [Theory]
    [InlineData("UpdateOn", "UpdatedOn", 1)]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("", "abc", 3)]
    public void Edit_distance(string a, string b, int distance) => Assert.Equal(distance, NameSuggestions.Distance(a, b));

    [Fact]
    public void A_name_far_from_every_known_one_gets_no_suggestion() =>
        Assert.Null(NameSuggestions.Nearest("Zebra", ["UpdatedOn", "AreaM2"]));
}
