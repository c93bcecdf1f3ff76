using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using LandQuality.Interchange;

namespace LandQuality.Audit;

/// <summary>
/// <see cref="ParcelState"/> computed from the parsed rows a first import writes, instead of read back from the
/// tables: the same text, byte for byte, that PostgreSQL's record and array output functions (record_out,
/// array_out) give for <see cref="ParcelState.AllSql"/>, with the columns' types applied as an insert applies them
/// (numeric(14,2) and numeric(9,6) round half away from zero, character(5) pads with spaces). Reading the state of
/// a million parcels back took the server 20 s on one core; here it is a few hundred bytes of text and a SHA-256
/// per parcel. Any difference would make <c>lq audit verify</c> report the parcel as changed outside the product:
/// FirstLoadStatesTests compares it with the SQL over values that need every rule below. One instance per thread:
/// it reuses its buffers.
/// </summary>
public sealed class ParcelStateText
{
    static readonly int Epoch = new DateOnly(2000, 1, 1).DayNumber;
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    readonly StringBuilder _text = new(), _element = new(), _list = new();
    byte[] _bytes = new byte[4096];

    /// <summary>
    /// An owner's element of the owners list (<c>ROW(seq, full_name, …)</c> as array_out writes an element) without its
    /// opening <c>"(seq,</c> and closing quote, which <see cref="AppendOwner"/> adds once the owner's position is known:
    /// seven fields always hold commas, so the element is always quoted, and escaping is character by character.
    /// </summary>
    public string OwnerTail(OwnerRow o)
    {
        _element.Clear();
        Field(_element, o.FullName, first: true);
        Field(_element, Days(o.BirthDate));
        Field(_element, Int(o.BirthYear));
        Field(_element, o.Gender);
        Field(_element, o.IdNumber);
        Field(_element, Numeric(o.Share, 6));
        _element.Append(')');
        _list.Clear();
        foreach (var chunk in _element.GetChunks())
            foreach (var c in chunk.Span)
            {
                if (c is '"' or '\\')
                    _list.Append('\\');
                _list.Append(c);
            }
        return _list.ToString();
    }

    /// <summary>Appends the element of the owner at position <paramref name="seq"/> with <see cref="OwnerTail"/> <paramref name="tail"/>.</summary>
    public static void AppendOwner(StringBuilder list, int seq, string tail) =>
        list.Append(list.Length == 0 ? '{' : ',').Append("\"(").Append(seq.ToString(Invariant)).Append(',').Append(tail).Append('"');

    /// <summary>The owners list of <see cref="AppendOwner"/>'s elements as the parcel's record holds its last field, in UTF-8; null for none.</summary>
    public byte[]? OwnersField(StringBuilder list)
    {
        if (list.Length == 0)
            return null;
        _text.Clear();
        Field(_text, list.Append('}').ToString(), first: true);
        return Encoding.UTF8.GetBytes(_text.ToString());
    }

    /// <summary>The state (hex SHA-256) of <paramref name="p"/> with the owners field <paramref name="owners"/> (<see cref="OwnersField"/>).</summary>
    public string Hash(ParcelRow p, byte[]? owners)
    {
        string? purposes = null;
        if (p.Purposes.Count > 0)
        {
            _list.Clear().Append('{');
            for (var i = 0; i < p.Purposes.Count; i++)
            {
                if (i > 0)
                    _list.Append(',');
                _element.Clear().Append('(');
                Field(_element, (i + 1).ToString(Invariant), first: true);
                Field(_element, p.Purposes[i].Code);
                Field(_element, Numeric(p.Purposes[i].AreaM2, 2));
                ArrayElement(_list, _element.Append(')').ToString());
            }
            purposes = _list.Append('}').ToString();
        }
        var t = _text.Clear().Append('(');
        Field(t, p.CommuneCode.PadRight(5), first: true);
        Field(t, Int(p.MapSheet));
        Field(t, Int(p.ParcelNo));
        Field(t, p.Address);
        Field(t, Numeric(p.AreaM2, 2));
        Field(t, Numeric(p.LegalAreaM2, 2));
        Field(t, p.LandUseTerm);
        Field(t, p.LandUseOrigin);
        Field(t, p.GeometryWkt);
        Field(t, Days(p.UpdatedOn));
        Field(t, purposes);
        Field(t, p.CertificateSerial);
        Field(t, p.CertificateBookNo);
        Field(t, Days(p.CertificateIssuedOn));
        t.Append(',');
        var prefix = t.ToString();
        var length = Encoding.UTF8.GetMaxByteCount(prefix.Length) + (owners?.Length ?? 0) + 1;
        if (_bytes.Length < length)
            _bytes = new byte[Math.Max(length, _bytes.Length * 2)];
        var n = Encoding.UTF8.GetBytes(prefix, _bytes);
        owners?.CopyTo(_bytes, n);
        n += owners?.Length ?? 0;
        _bytes[n++] = (byte)')';
        return Convert.ToHexStringLower(SHA256.HashData(_bytes.AsSpan(0, n)));
    }

    static string? Int(int? v) => v?.ToString(Invariant);

    static string? Days(DateOnly? d) => d is { } v ? (v.DayNumber - Epoch).ToString(Invariant) : null;

    /// <summary>numeric(p, <paramref name="scale"/>): rounded half away from zero, printed with exactly that many decimals; no negative zero.</summary>
    static string? Numeric(decimal? v, int scale)
    {
        if (v is not { } d)
            return null;
        var r = Math.Round(d, scale, MidpointRounding.AwayFromZero);
        return (r == 0 ? 0m : r).ToString(scale == 2 ? "F2" : "F6", Invariant);
    }

    /// <summary>record_out's field: after a comma unless first, nothing for null, quoted (quotes and backslashes doubled) when empty or holding <c>"\(),</c> or white space.</summary>
    static void Field(StringBuilder sb, string? value, bool first = false)
    {
        if (!first)
            sb.Append(',');
        if (value is null)
            return;
        var quote = value.Length == 0;
        foreach (var c in value)
            quote |= c is '"' or '\\' or '(' or ')' or ',' || IsSpace(c);
        if (!quote)
        {
            sb.Append(value);
            return;
        }
        sb.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
                sb.Append(c);
            sb.Append(c);
        }
        sb.Append('"');
    }

    /// <summary>array_out's element: quoted (quotes and backslashes escaped by a backslash) when empty, "NULL", or holding <c>"\{},</c> or white space.</summary>
    static void ArrayElement(StringBuilder sb, string value)
    {
        var quote = value.Length == 0 || value.Equals("NULL", StringComparison.OrdinalIgnoreCase);
        foreach (var c in value)
            quote |= c is '"' or '\\' or '{' or '}' or ',' || IsSpace(c);
        if (!quote)
        {
            sb.Append(value);
            return;
        }
        sb.Append('"');
        foreach (var c in value)
        {
            if (c is '"' or '\\')
                sb.Append('\\');
            sb.Append(c);
        }
        sb.Append('"');
    }

    // The server tests bytes with C's isspace: ASCII white space only (a UTF-8 database's multi-byte characters never match).
    static bool IsSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\v' or '\f';
}
