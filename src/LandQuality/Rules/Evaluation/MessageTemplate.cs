using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LandQuality.Rules.Facts;

namespace LandQuality.Rules.Evaluation;

/// <summary>
/// A rule's ErrorMessage with <c>$(…)</c> placeholders, filled in the way RulesEngine's
/// FormatErrorMessages does it: <c>$(name)</c> becomes the JSON of that input or param,
/// <c>$(name.A.B)</c> the value found by walking the JSON of <c>name</c> (strings without quotes,
/// anything else as JSON text), and a placeholder that finds nothing — a null value included —
/// stays as written. Placeholders are replaced one after the other, all occurrences at a time.
/// </summary>
sealed partial class MessageTemplate
{
    readonly string? _template;
    readonly Placeholder[] _placeholders;

    public MessageTemplate(string? template, Scope scope)
    {
        _template = template;
        _placeholders = template is null
            ? []
            : PlaceholderPattern().Matches(template).Select(m => new Placeholder(m.Value, scope.Names)).ToArray();
    }

    /// <summary>Placeholders whose name (or, for <c>input1.X</c>, property) is not in scope: they can never be filled.</summary>
    public IEnumerable<string> Unresolvable => _placeholders.Where(p => !p.CanResolve).Select(p => p.Token);

    /// <summary>A template for a message people read (message_vi, message_en), or null when it has no placeholder to fill.</summary>
    public static MessageTemplate? ForPeople(string text, Scope scope)
    {
        var template = new MessageTemplate(text, scope);
        return template._placeholders.Length > 0 ? template : null;
    }

    /// <summary>
    /// RulesEngine leaves the message empty when a rule has no ErrorMessage, and a placeholder whose value is
    /// null as written; a message for people passes <paramref name="whenNull"/> to say "empty" instead.
    /// </summary>
    public string Format(object?[] frame, string? whenNull = null)
    {
        if (_template is null)
            return "";
        var message = _template;
        foreach (var placeholder in _placeholders)
            if ((placeholder.Resolve(frame) ?? whenNull) is { } value)
                message = message.Replace(placeholder.Token, value, StringComparison.Ordinal);
        return message;
    }

    // RulesEngine's own pattern, so the same text counts as a placeholder.
    [GeneratedRegex(@"(\$\(.*?\))")]
    private static partial Regex PlaceholderPattern();

    sealed class Placeholder
    {
        readonly string[] _segments;
        readonly int _root;
        // input1.Property: read the property instead of serialising the whole ParcelFacts (same JSON),
        // through a compiled getter rather than reflection's GetValue.
        readonly PropertyInfo? _factsProperty;
        readonly Func<object, object?>? _read;

        public Placeholder(string token, string[] names)
        {
            Token = token;
            var property = token[2..^1];
            _segments = property.Split('.');
            _root = _segments.Length > 1 ? Array.IndexOf(names, _segments[0]) : Array.IndexOf(names, property);
            if (_segments.Length == 2 && _segments[0] == RuleSettings.InputName && _root == 0)
                _factsProperty = typeof(ParcelFacts).GetProperty(_segments[1], BindingFlags.Public | BindingFlags.Instance);
            if (_factsProperty is not null)
            {
                var facts = Expression.Parameter(typeof(object), "facts");
                _read = Expression.Lambda<Func<object, object?>>(
                    Expression.Convert(Expression.Property(Expression.Convert(facts, typeof(ParcelFacts)), _factsProperty), typeof(object)), facts).Compile();
            }
        }

        /// <summary>
        /// The JSON text of a number or truth value, written directly instead of serialised and parsed
        /// again: the same text, for each placeholder of every failing rule. Null for anything else
        /// (strings, dates, objects), which goes through JSON.
        /// </summary>
        static string? JsonLiteral(object value) => value switch
        {
            int i => i.ToString(CultureInfo.InvariantCulture),
            long l => l.ToString(CultureInfo.InvariantCulture),
            decimal d => d.ToString(CultureInfo.InvariantCulture),
            bool b => b ? "true" : "false",
            _ => null,
        };

        /// <summary>A property's value as <see cref="Render"/> shows its JSON: a literal as written, a date (a JSON string) without quotes.</summary>
        static string? PlainPropertyText(object value) =>
            value is DateOnly date ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : JsonLiteral(value);

        public string Token { get; }

        public bool CanResolve => _root >= 0 && (_segments[0] != RuleSettings.InputName || _segments.Length != 2 || _factsProperty is not null);

        /// <summary>The replacement, or null to leave the placeholder as written.</summary>
        public string? Resolve(object?[] frame)
        {
            if (_root < 0 || frame[_root] is not { } root)
                return null;
            if (_segments.Length == 1)
                return JsonLiteral(root) ?? JsonSerializer.Serialize(root);
            if (_factsProperty is not null)
                return _read!(root) is { } value ? PlainPropertyText(value) ?? Render(JsonNode.Parse(JsonSerializer.Serialize(value, _factsProperty.PropertyType))) : null;
            JsonNode? current = JsonNode.Parse(JsonSerializer.Serialize(root));
            for (var i = 1; i < _segments.Length && current is not null; i++)
                current = current is JsonObject o && o.TryGetPropertyValue(_segments[i], out var next) ? next : null;
            return Render(current);
        }

        static string? Render(JsonNode? node) => node switch
        {
            null => null,
            JsonValue v when v.TryGetValue<string>(out var s) => s,
            _ => node.ToString(),
        };
    }
}
