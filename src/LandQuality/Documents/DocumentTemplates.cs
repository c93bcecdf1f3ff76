using System.Collections.Concurrent;
using System.Reflection;
using Scriban;
using Scriban.Runtime;

namespace LandQuality.Documents;

/// <summary>
/// The document templates: Scriban files shipped in the repository's <c>templates/</c> (embedded), each of which staff
/// may override with a file of the same name in a configured folder (<c>LQ_TEMPLATES</c>, or <c>LandQuality:Templates</c>
/// for the web). An override that does not parse, or fails to render, is reported with its name, line and column and
/// the shipped template is used instead: a broken override never silently replaces a working template.
/// </summary>
/// <param name="overrides">The folder of overriding templates, or null for the shipped ones only.</param>
/// <param name="report">Told of every problem with an override as well (the web logs them: no one reads a download's problems).</param>
public sealed class DocumentTemplates(string? overrides, Action<TemplateProblem>? report = null)
{
    static readonly Assembly Shipped = typeof(DocumentTemplates).Assembly;
    const string ResourcePrefix = "LandQuality.Templates.";
    static readonly ConcurrentDictionary<string, Template> ShippedCache = new(StringComparer.Ordinal);

    /// <summary>Every shipped template's name (<c>notice.vi.html.sbn</c>, …).</summary>
    public static IReadOnlyList<string> ShippedNames { get; } = Shipped.GetManifestResourceNames()
        .Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Select(n => n[ResourcePrefix.Length..]).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Renders <paramref name="name"/> with <paramref name="model"/> (its members named in snake_case, as Scriban does).
    /// Problems with an override are added to <paramref name="problems"/>, and the shipped template renders instead.
    /// </summary>
    /// <exception cref="TemplateFailedException">The shipped template itself failed: a bug of the release, not of the data.</exception>
    public string Render(string name, object model, ICollection<TemplateProblem>? problems = null)
    {
        void Found(TemplateProblem problem)
        {
            problems?.Add(problem);
            report?.Invoke(problem);
        }

        if (OverridePath(name) is { } path)
        {
            var text = File.ReadAllText(path);
            var template = Template.Parse(text, path);
            if (template.HasErrors)
                Found(Problem(name, path, template.Messages.First(m => m.Type == Scriban.Parsing.ParserMessageType.Error)));
            else
            {
                try
                {
                    return RenderWith(template, name, model);
                }
                catch (Scriban.Syntax.ScriptRuntimeException e)
                {
                    Found(new TemplateProblem(name, path, e.Span.Start.Line + 1, e.Span.Start.Column + 1, e.OriginalMessage));
                }
            }
        }
        var shipped = ShippedCache.GetOrAdd(name, LoadShipped);
        try
        {
            return RenderWith(shipped, name, model);
        }
        catch (Scriban.Syntax.ScriptRuntimeException e)
        {
            throw new TemplateFailedException(new TemplateProblem(name, "shipped", e.Span.Start.Line + 1, e.Span.Start.Column + 1, e.OriginalMessage));
        }
    }

    string? OverridePath(string name) =>
        overrides is not null && Path.Combine(overrides, name) is var path && File.Exists(path) ? path : null;

    static Template LoadShipped(string name)
    {
        using var stream = Shipped.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new ArgumentException($"There is no template {name}; shipped: {string.Join(", ", ShippedNames)}.", nameof(name));
        using var reader = new StreamReader(stream);
        var template = Template.Parse(reader.ReadToEnd(), name);
        if (template.HasErrors)
            throw new TemplateFailedException(Problem(name, "shipped", template.Messages.First(m => m.Type == Scriban.Parsing.ParserMessageType.Error)));
        return template;
    }

    static string RenderWith(Template template, string name, object model)
    {
        // A variable the model does not have is an error, not an empty string: a misspelt name in an override must show.
        var context = name.Contains(".html.", StringComparison.Ordinal) ? new HtmlTemplateContext() : new TemplateContext();
        context.StrictVariables = true;
        context.LoopLimit = 100_000;
        var globals = new ScriptObject();
        globals.Import(model);
        context.PushGlobal(globals);
        return template.Render(context);
    }

    static TemplateProblem Problem(string name, string source, Scriban.Parsing.LogMessage message) =>
        new(name, source, message.Span.Start.Line + 1, message.Span.Start.Column + 1, message.Message);
}
