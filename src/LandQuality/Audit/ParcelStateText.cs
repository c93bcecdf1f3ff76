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
/// ParcelStateTextTests compares it with the SQL over values chosen to need every rule below.
/// </summary>
public static class ParcelStateText
{
    static readonly int Epoch = new DateOnly(2000, 1, 1).DayNumber;
    static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>An owner's element of the owners list (<c>ROW(seq, full_name, …)</c> as array_out writes an element).</summary>
    public static void AppendOwner(StringBuilder list, int seq, OwnerRow o)
    {
        list.Append(list.Length == 0 ? '{' : ',');
        ArrayElement(list, Record(seq.ToString(Invariant), o.FullName, Days(o.BirthDate), Int(o.BirthYear), o.Gender, o.IdNumber,
            Numeric(o.Share, 6)));
    }

    /// <summary>The owners list as the parcel's record holds it (null for none), from <see cref="AppendOwner"/>'s elements.</summary>
    public static string? OwnersField(StringBuilder list) => list.Length == 0 ? null : list.Append('}').ToString();

    /// <summary>The state (hex SHA-256) of <paramref name="p"/> with the owners list <paramref name="owners"/> (<see cref="OwnersField"/>).</summary>
    public static string Hash(ParcelRow p, string? owners)
    {
        string? purposes = null;
        if (p.Purposes.Count > 0)
        {
            var list = new StringBuilder("{");
            for (var i = 0; i < p.Purposes.Count; i++)
            {
                if (i > 0)
                    list.Append(',');
                ArrayElement(list, Record((i + 1).ToString(Invariant), p.Purposes[i].Code, Numeric(p.Purposes[i].AreaM2, 2)));
            }
            purposes = list.Append('}').ToString();
        }
        var text = Record(p.CommuneCode.PadRight(5), Int(p.MapSheet), Int(p.ParcelNo), p.Address, Numeric(p.AreaM2, 2),
            Numeric(p.LegalAreaM2, 2), p.LandUseTerm, p.LandUseOrigin, p.GeometryWkt, Days(p.UpdatedOn), purposes, p.CertificateSerial,
            p.CertificateBookNo, Days(p.CertificateIssuedOn), owners);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }

    static string? Int(int? v) => v?.ToString(Invariant);

    static string? Days(DateOnly? d) => d is { } v ? (v.DayNumber - Epoch).ToString(Invariant) : null;

    /// <summary>numeric(p, <paramref name="scale"/>): rounded half away from zero, printed with exactly that many decimals; no negative zero.</summary>
    static string? Numeric(decimal? v, int scale)
    {
        if (v is not { } d)
            return null;
        var r = Math.Round(d, scale, MidpointRounding.AwayFromZero);
        return (r == 0 ? 0m : r).ToString("F" + scale.ToString(Invariant), Invariant);
    }

    /// <summary>record_out: fields between parentheses, a null one empty, quoted (quotes and backslashes doubled) when empty or holding <c>"\(),</c> or white space.</summary>
    static string Record(params string?[] fields)
    {
        var sb = new StringBuilder("(");
        for (var i = 0; i < fields.Length; i++)
        {
            if (i > 0)
                sb.Append(',');
            if (fields[i] is not { } value)
                continue;
            var quote = value.Length == 0;
            foreach (var c in value)
                quote |= c is '"' or '\\' or '(' or ')' or ',' || IsSpace(c);
            if (!quote)
            {
                sb.Append(value);
                continue;
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
        return sb.Append(')').ToString();
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
