namespace LandQuality.Data;

/// <summary>
/// The columns a SELECT reads, in order, declared once by the row type that reads them. Each column is
/// found by the name it is selected as (its alias, else its column name) and read at the ordinal its
/// place in the list gives, so adding, removing or moving a column is an edit of the list alone and no
/// reader counts positions. Row types keep the ordinals they need in static fields, computed when the
/// type is first used: a name missing from the list fails then, in every test that touches the type.
/// </summary>
public sealed class ColumnList
{
    readonly string[] _columns;
    readonly string[] _names;

    /// <param name="columns">The SQL of each column: <c>o.seq</c>, <c>c.serial</c>, <c>c.parcel_id IS NOT NULL AS has_certificate</c>.</param>
    public ColumnList(params string[] columns)
    {
        _columns = columns;
        _names = Array.ConvertAll(columns, NameOf);
    }

    /// <summary>The select list: the columns joined by commas.</summary>
    public string Sql => string.Join(", ", _columns);

    public int Count => _columns.Length;

    /// <summary>This list followed by <paramref name="more"/> (a joined table's columns): the first columns keep their ordinals.</summary>
    public ColumnList Then(params string[] more) => new([.. _columns, .. more]);

    /// <summary>The ordinal of the column selected as <paramref name="name"/>; exactly one must be.</summary>
    public int this[string name]
    {
        get
        {
            var at = Array.IndexOf(_names, name);
            if (at < 0 || Array.LastIndexOf(_names, name) != at)
                throw new ArgumentException($"{(at < 0 ? "No" : "More than one")} column is selected as {name} in: {Sql}", nameof(name));
            return at;
        }
    }

    static string NameOf(string column)
    {
        var alias = column.LastIndexOf(" AS ", StringComparison.OrdinalIgnoreCase);
        return (alias >= 0 ? column[(alias + 4)..] : column[(column.LastIndexOf('.') + 1)..]).Trim();
    }
}
