using System.Text.Encodings.Web;
using System.Text.Unicode;
using Scriban;
using Scriban.Parsing;

namespace LandQuality.Documents;

/// <summary>
/// Renders HTML templates with every value written by <c>{{ … }}</c> escaped: names and addresses come from registry data,
/// and a template author should not have to remember <c>html.escape</c> on each. The template's own markup is written as is.
/// </summary>
sealed class HtmlTemplateContext : TemplateContext
{
    // Vietnamese letters written as themselves (NFC text, not &#236; entities); markup characters escaped.
    static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

    public override TemplateContext Write(SourceSpan span, object? textAsObject) =>
        base.Write(span, textAsObject is string text ? Encoder.Encode(text) : textAsObject);

    public override ValueTask<TemplateContext> WriteAsync(SourceSpan span, object? textAsObject) =>
        base.WriteAsync(span, textAsObject is string text ? Encoder.Encode(text) : textAsObject);
}
