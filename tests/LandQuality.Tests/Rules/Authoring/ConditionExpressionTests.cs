using LandQuality.Rules.Authoring;
using LandQuality.Rules.Evaluation;
using LandQuality.Rules.Facts;
using LandQuality.Rules.Validation;
using RulesEngine.Models;

namespace LandQuality.Tests.Rules.Authoring;

/// <summary>The form's conditions written as RulesEngine expressions: what they say, that they compile, and what is refused.</summary>
public class ConditionExpressionTests
{
    static readonly Dictionary<string, ValueKind> Globals = new(StringComparer.Ordinal) { ["staleAfterYears"] = ValueKind.Number };

    static string Generate(Condition condition, params NamedParameter[] parameters) => ConditionExpression.Generate(condition, parameters, Globals);

    static ConditionRefusedException Refused(Condition condition, params NamedParameter[] parameters) =>
        Assert.Throws<ConditionRefusedException>(() => Generate(condition, parameters));

    [Fact]
    public void Certificate_issued_before_the_owner_was_born_reads_as_the_negated_condition()
    {
        var expression = Generate(new QuantifiedCondition(Quantifier.AnyOwner,
            new FieldCondition("CertificateIssuedOn", ConditionOperator.LessThan, new Operand(Field: "owner.BirthDate"))));

        Assert.Equal("!(input1.Owners.Any(o => input1.CertificateIssuedOn < o.BirthDate))", expression);
    }

    [Theory]
    [InlineData("Address", ConditionOperator.Empty, null, "!(string.IsNullOrWhiteSpace(input1.Address))")]
    [InlineData("AreaM2", ConditionOperator.GreaterThan, "200.5", "!(input1.AreaM2 > 200.5m)")]
    [InlineData("MapSheet", ConditionOperator.EqualTo, "7", "!(input1.MapSheet == 7)")]
    [InlineData("UpdatedOn", ConditionOperator.LessThan, "2020-01-31", "!(input1.UpdatedOn < DateOnly(2020, 1, 31))")]
    [InlineData("UpdatedOn", ConditionOperator.OlderThanYears, "10", "!(input1.UpdatedOn < input1.EvaluatedOn.AddYears(-10))")]
    [InlineData("Owners", ConditionOperator.Empty, null, "!(input1.Owners.Count == 0)")]
    [InlineData("Address", ConditionOperator.EqualTo, "Kiệt \"5\"", "!(input1.Address == \"Kiệt \\\"5\\\"\")")]
    public void Each_operator_writes_its_expression(string field, ConditionOperator op, string? value, string expected) =>
        Assert.Equal(expected, Generate(new FieldCondition(field, op, value is null ? null : new Operand(Value: value))));

    [Fact]
    public void Every_editor_made_rule_compiles_with_the_checker_and_RulesEngine()
    {
        var problems = RuleSetChecker.Check(EditorMadeRules.Workflows());

        Assert.DoesNotContain(problems, p => p.Level == ProblemLevel.Error);
    }

    [Fact]
    public void The_form_is_kept_in_the_rule_and_reads_back()
    {
        var (name, form) = EditorMadeRules.Forms[2];
        var rule = RuleFormBuilder.Build(name, form, new Workflow { WorkflowName = "w" });

        Assert.Equal(form.Condition, RuleFormBuilder.ConditionOf(rule), new ConditionJsonComparer());
        Assert.Equal("minArea", Assert.Single(rule.LocalParams).Name);
        Assert.Equal("45.5m", rule.LocalParams.Single().Expression);
    }

    [Fact]
    public void A_number_compared_with_a_text_is_refused_in_both_languages()
    {
        var e = Refused(new QuantifiedCondition(Quantifier.AnyOwner,
            new FieldCondition("owner.BirthYear", ConditionOperator.EqualTo, new Operand(Field: "owner.FullName"))));

        Assert.Equal("Không so sánh được owner.BirthYear (số) với trường owner.FullName (văn bản).", e.Vi);
        Assert.Equal("Cannot compare owner.BirthYear (number) with field owner.FullName (text).", e.En);
    }

    [Theory]
    [InlineData("AreaM2", ConditionOperator.Matches, "Operator \"matches\" does not fit field AreaM2 (number)")]
    [InlineData("Address", ConditionOperator.LessThan, "Operator \"less than\" does not fit field Address (text)")]
    [InlineData("DuplicateKeyCount", ConditionOperator.Empty, "always has a value")]
    [InlineData("HasCertificate", ConditionOperator.OlderThanYears, "does not fit field HasCertificate (yes/no")]
    public void An_operator_that_does_not_fit_the_type_is_refused(string field, ConditionOperator op, string message)
    {
        var e = Refused(new FieldCondition(field, op, new Operand(Value: "1")));

        Assert.Contains(message, e.En, StringComparison.Ordinal);
        Assert.StartsWith("Phép \"", e.Vi, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("AreaM2", "abc", "\"abc\" is not a number for AreaM2")]
    [InlineData("MapSheet", "7.5", "\"7.5\" is not a whole number for MapSheet")]
    [InlineData("UpdatedOn", "31/01/2020", "write year-month-day")]
    public void A_value_not_of_the_fields_type_is_refused(string field, string value, string message) =>
        Assert.Contains(message, Refused(new FieldCondition(field, ConditionOperator.EqualTo, new Operand(Value: value))).En, StringComparison.Ordinal);

    [Fact]
    public void An_owner_field_outside_a_quantifier_is_refused()
    {
        var e = Refused(new FieldCondition("owner.FullName", ConditionOperator.Empty));

        Assert.Contains("put it inside \"any owner\" or \"every owner\"", e.En, StringComparison.Ordinal);
    }

    [Fact]
    public void A_misspelt_field_suggests_the_nearest_name()
    {
        var e = Refused(new FieldCondition("UpdateOn", ConditionOperator.Empty));

        Assert.Equal("There is no field \"UpdateOn\" (did you mean `UpdatedOn`?).", e.En);
        Assert.Equal("Không có trường \"UpdateOn\" (có phải `UpdatedOn`?).", e.Vi);
    }

    [Fact]
    public void A_parameter_of_the_wrong_kind_or_unknown_is_refused()
    {
        var wrongKind = Refused(new FieldCondition("AreaM2", ConditionOperator.GreaterThan, new Operand(Parameter: "label")),
            new NamedParameter("label", ValueKind.Text, "x"));
        var unknown = Refused(new FieldCondition("UpdatedOn", ConditionOperator.OlderThanYears, new Operand(Parameter: "staleAfterYear")));

        Assert.Equal("Cannot compare AreaM2 (number) with parameter label (text).", wrongKind.En);
        Assert.Contains("did you mean `staleAfterYears`?", unknown.En, StringComparison.Ordinal);
    }

    [Fact]
    public void Older_than_years_takes_a_number_or_a_parameter_never_a_field()
    {
        var e = Refused(new QuantifiedCondition(Quantifier.AnyOwner,
            new FieldCondition("owner.BirthDate", ConditionOperator.OlderThanYears, new Operand(Field: "owner.BirthYear"))));

        Assert.Equal("\"older than N years\" needs the years: a whole number or a parameter.", e.En);
        Assert.Equal("!(input1.UpdatedOn < input1.EvaluatedOn.AddYears(-(-1)))",
            Generate(new FieldCondition("UpdatedOn", ConditionOperator.OlderThanYears, new Operand(Value: "-1"))));
    }

    [Fact]
    public void An_invalid_pattern_is_refused_before_it_is_stored() =>
        Assert.Contains("is not valid", Refused(new FieldCondition("Address", ConditionOperator.Matches, new Operand(Value: "(unclosed"))).En, StringComparison.Ordinal);

    [Fact]
    public void Editor_made_rules_decide_as_written()
    {
        var set = CompiledRuleSet.Compile(EditorMadeRules.Workflows());
        var today = new DateOnly(2025, 12, 1);
        var parcel = new ParcelFacts
        {
            ParcelId = "p1", CommuneCode = "19753", EvaluatedOn = today, CertificateIssuedOn = new DateOnly(1975, 1, 1), HasCertificate = true,
            CertificateSerial = "AA 123456", AreaM2 = 150m, UpdatedOn = new DateOnly(2010, 1, 1),
            Owners = [new OwnerFacts { Seq = 1, FullName = "Nguyễn Văn An", BirthDate = new DateOnly(1980, 2, 3), BirthYear = 1980 }],
        };

        var failing = set.Evaluate(parcel).Select(f => f.RuleName).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("issued_before_owner_born", failing);
        Assert.Contains("address_empty", failing);
        Assert.Contains("area_between", failing);
        Assert.Contains("serial_pattern", failing);
        Assert.Contains("updated_long_ago", failing);
        Assert.Contains("issued_before_2000", failing);
        Assert.Contains("stale_by_check", failing);
        Assert.Contains("every_owner_unknown_gender", failing);
        Assert.DoesNotContain("area_missing_or_small", failing);
        Assert.DoesNotContain("purpose_in_list", failing);
        Assert.DoesNotContain("owner_born_before", failing);
        Assert.DoesNotContain(set.Evaluate(parcel), f => f.IsRuleError);
    }

    sealed class ConditionJsonComparer : IEqualityComparer<Condition?>
    {
        public bool Equals(Condition? x, Condition? y) =>
            System.Text.Json.JsonSerializer.Serialize(x, RuleFormBuilder.Json) == System.Text.Json.JsonSerializer.Serialize(y, RuleFormBuilder.Json);

        public int GetHashCode(Condition? obj) => 0;
    }
}
