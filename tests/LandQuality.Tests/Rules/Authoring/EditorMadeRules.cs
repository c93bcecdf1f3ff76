using LandQuality.Rules.Authoring;
using RulesEngine.Models;

namespace LandQuality.Tests.Rules.Authoring;

/// <summary>
/// A rule set made the way the editor makes it — every operator, quantifier, domain check, named and
/// global parameter — for the differential test and the generator's own tests.
/// </summary>
static class EditorMadeRules
{
    static Operand V(string value) => new(Value: value);
    static Operand F(string field) => new(Field: field);
    static Operand P(string parameter) => new(Parameter: parameter);

    public static readonly (string Name, RuleForm Form)[] Forms =
    [
        ("issued_before_owner_born", Form(new QuantifiedCondition(Quantifier.AnyOwner,
            new FieldCondition("CertificateIssuedOn", ConditionOperator.LessThan, F("owner.BirthDate"))))),
        ("address_empty", Form(new FieldCondition("Address", ConditionOperator.Empty))),
        ("area_missing_or_small", Form(new GroupCondition(GroupMode.Any, [
            new FieldCondition("AreaM2", ConditionOperator.Empty),
            new FieldCondition("AreaM2", ConditionOperator.LessThan, P("minArea"))]),
            [new NamedParameter("minArea", ValueKind.Number, "45.5")])),
        ("area_between", Form(new FieldCondition("AreaM2", ConditionOperator.Between, V("100"), V("200.25")))),
        ("serial_pattern", Form(new GroupCondition(GroupMode.All, [
            new FieldCondition("HasCertificate", ConditionOperator.EqualTo, V("true")),
            new FieldCondition("CertificateSerial", ConditionOperator.NotEmpty),
            new FieldCondition("CertificateSerial", ConditionOperator.Matches, V("^[A-Z]{2} [0-9]{6}$"))])))
        ,
        ("purpose_in_list", Form(new QuantifiedCondition(Quantifier.AnyPurpose,
            new FieldCondition("purpose.Code", ConditionOperator.InList, List: ["LUC", "LUN", "xyz"])))),
        ("every_owner_unknown_gender", Form(new GroupCondition(GroupMode.All, [
            new FieldCondition("Owners", ConditionOperator.NotEmpty),
            new QuantifiedCondition(Quantifier.EveryOwner, new FieldCondition("owner.Gender", ConditionOperator.Differs, V("M")))]))),
        ("updated_long_ago", Form(new FieldCondition("UpdatedOn", ConditionOperator.OlderThanYears, P("staleAfterYears")))),
        ("issued_before_2000", Form(new FieldCondition("CertificateIssuedOn", ConditionOperator.LessThan, V("2000-01-01")))),
        ("id_disagrees", Form(new QuantifiedCondition(Quantifier.AnyOwner,
            new CheckCondition("id_number_agrees_with_birth_year_and_gender", Holds: false)))),
        ("name_not_registry", Form(new QuantifiedCondition(Quantifier.AnyOwner, new GroupCondition(GroupMode.All, [
            new FieldCondition("owner.RegistryFound", ConditionOperator.EqualTo, V("true")),
            new CheckCondition("name_matches_registry", Holds: false)])))),
        ("stale_by_check", Form(new CheckCondition("record_stale", Parameter: P("years")), [new NamedParameter("years", ValueKind.Number, "5")])),
        ("area_off_certificate", Form(new CheckCondition("area_agrees_with_certificate", Holds: false, Parameter: V("0.05")))),
        ("map_sheet_in_list", Form(new FieldCondition("MapSheet", ConditionOperator.InList, List: ["1", "7", "12"]))),
        ("owner_born_before", Form(new QuantifiedCondition(Quantifier.AnyOwner,
            new FieldCondition("owner.BirthYear", ConditionOperator.LessThan, V("1930"))))),
    ];

    static RuleForm Form(Condition condition, IReadOnlyList<NamedParameter>? parameters = null) =>
        new("đúng", "error", "commune", "Thửa đất có vấn đề.", "The parcel has a problem.", Condition: condition, Parameters: parameters);

    /// <summary>The rule set: one workflow with the shipped global param <c>staleAfterYears</c> and every form above.</summary>
    public static Workflow[] Workflows()
    {
        var workflow = new Workflow
        {
            WorkflowName = "editor",
            GlobalParams = [new ScopedParam { Name = "staleAfterYears", Expression = "10" }],
        };
        workflow.Rules = Forms.Select(f => RuleFormBuilder.Build(f.Name, f.Form, workflow)).ToList();
        return [workflow];
    }
}
