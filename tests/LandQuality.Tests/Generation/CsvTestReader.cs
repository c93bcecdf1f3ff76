using System.Text;

namespace LandQuality.Tests.Generation;

/// <summary>
/// A deliberately separate, strict RFC 4180 reader for the tests: quoted fields may hold commas,
/// doubled quotes and line breaks; a quote inside an unquoted field or an unterminated quote is an error.
/// </summary>
internal static class CsvTestReader
{
    public static List<string[]> ReadFile(string path) => Parse(File.ReadAllText(path, new UTF8Encoding(false, throwOnInvalidBytes: true)));

    public static List<string[]> Parse(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"')
            {
                i++;
                while (true)
                {
                    if (i >= text.Length)
                        throw new FormatException("Unterminated quoted field.");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"')
                        {
                            field.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    field.Append(text[i++]);
                }
                if (i < text.Length && text[i] is not (',' or '\n'))
                    throw new FormatException($"Text after a closing quote at {i}.");
            }
            else
            {
                while (i < text.Length && text[i] is not (',' or '\n'))
                {
                    if (text[i] is '"' or '\r')
                        throw new FormatException($"Bare quote or CR in an unquoted field at {i}.");
                    field.Append(text[i++]);
                }
            }
            fields.Add(field.ToString());
            field.Clear();
            if (i < text.Length && text[i] == ',')
            {
                i++;
                if (i == text.Length)
                    fields.Add("");
                continue;
            }
            rows.Add([.. fields]);
            fields.Clear();
            i++; // the \n
        }
        if (fields.Count > 0)
            rows.Add([.. fields]);
        return rows;
    }
}
