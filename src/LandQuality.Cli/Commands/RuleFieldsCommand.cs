using System.CommandLine;
using System.Text.Encodings.Web;
using System.Text.Json;
using LandQuality.Rules.Authoring;
using Spectre.Console;

namespace LandQuality.Cli.Commands;

/// <summary>
/// <c>lq rules fields</c>: what a rule expression can use, for people who write rule files by hand — every
/// field of the parcel view with its label, type and an example, the operators the editor's form offers for
/// it, the rule helpers and the domain checks, each described; generated from the code, so it is never behind.
/// </summary>
static class RuleFieldsCommand
{
    static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static Command Create()
    {
        var json = new Option<bool>("--json") { Description = "Print the reference as JSON (fields, helpers, checks), both languages." };
        var lang = CliLanguage.Option();
        var fields = new Command("fields", "The reference of what a rule can use: the parcel view's fields (input1.X; owner.X inside "
            + "input1.Owners.Any(o => …), purpose.X inside input1.Purposes.Any(p => …)), the helpers and the domain checks.");
        fields.Options.Add(json);
        fields.Options.Add(lang);
        fields.SetAction(parse =>
        {
            var reference = RuleReference.Current;
            if (parse.GetValue(json))
            {
                Console.WriteLine(JsonSerializer.Serialize(reference, Json));
                return 0;
            }
            var en = parse.GetValue(lang) == "en";
            var table = new Table().AddColumns(en ? "field" : "trường", en ? "type" : "kiểu", en ? "label" : "tên", en ? "example" : "ví dụ",
                en ? "operators" : "phép so sánh");
            foreach (var f in reference.Fields)
                table.AddRow(Markup.Escape(f.Path), f.Type + (f.Nullable ? "?" : ""), Markup.Escape(en ? f.LabelEn : f.LabelVi), Markup.Escape(f.Example),
                    string.Join(", ", f.Operators));
            AnsiConsole.Write(table);
            var helpers = new Table().AddColumns(en ? "helper" : "hàm hỗ trợ", en ? "what it tells" : "ý nghĩa");
            foreach (var h in reference.Helpers)
                helpers.AddRow(Markup.Escape(h.Signature), Markup.Escape(en ? h.En : h.Vi));
            AnsiConsole.Write(helpers);
            var checks = new Table().AddColumns(en ? "check" : "phép kiểm tra", en ? "about" : "áp dụng cho", en ? "parameter" : "tham số",
                en ? "what it tells" : "ý nghĩa");
            foreach (var c in reference.Checks)
                checks.AddRow(Markup.Escape(c.Name), c.Scope, c.Parameter ?? "", Markup.Escape(en ? c.En : c.Vi));
            AnsiConsole.Write(checks);
            return 0;
        });
        return fields;
    }
}
