using System.Globalization;
using System.Text;
using LandQuality.Audit;
using LandQuality.Interchange;

namespace LandQuality.Imports;

/// <summary>
/// The first entry of each parcel's chain, gathered while a first import parses its files (into empty parcels and
/// owners tables): the parcel's state comes from its parsed rows (<see cref="ParcelStateText"/>), not from the
/// tables after the load, which cost the server as long as the load itself. Owners are staged first: each parcel's
/// owners list is kept, as the UTF-8 text its state holds, until parcels.csv has been staged. Whatever could make the tables differ from the
/// rows seen here gives up (<see cref="Abandon"/>), and the merge then reads the states from the tables as before:
/// owner rows of a parcel scattered over the file (staged again by a second pass), or a count that differs from
/// the rows loaded.
/// </summary>
sealed class FirstLoadStates
{
    readonly Dictionary<string, byte[]> _owners = new(StringComparer.Ordinal);
    readonly List<(string ParcelId, long Line, string State)> _entries = [];
    readonly StringBuilder _list = new();
    // One per thread: the parsing thread's (tails, states) and the staging loop's (owners lists).
    readonly ParcelStateText _parsing = new(), _staging = new();

    /// <summary>Whether the import is a first one, so that its staged rows will be the tables' rows: parcels and owners empty.</summary>
    public static async Task<bool> AppliesAsync(Npgsql.NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new Npgsql.NpgsqlCommand("SELECT NOT EXISTS (SELECT 1 FROM parcels) AND NOT EXISTS (SELECT 1 FROM owners)", conn);
        return (bool)(await cmd.ExecuteScalarAsync(ct))!;
    }

    public bool Usable { get; private set; } = true;

    public int Count => _entries.Count;

    /// <summary>One parcel's owner rows, in file order (their seq), as staged together: their <see cref="StateOf(OwnerRow)"/>.</summary>
    public void AddOwners(string parcelId, IEnumerable<string?> tails)
    {
        if (!Usable)
            return;
        _list.Clear();
        var seq = 0;
        foreach (var tail in tails)
        {
            if (tail is null)
            {
                Abandon();
                return;
            }
            ParcelStateText.AppendOwner(_list, ++seq, tail);
        }
        if (_staging.OwnersField(_list) is { } field && !_owners.TryAdd(parcelId, field))
            Abandon();
    }

    /// <summary>An owner row's part of its parcel's state (<see cref="ParcelStateText.OwnerTail"/>), on the parsing thread.</summary>
    public string? StateOf(OwnerRow row) => Usable ? _parsing.OwnerTail(row) : null;

    /// <summary>
    /// The state of a parsed parcel row, with the owners staged for it. Called by the thread that parses parcels.csv
    /// (<see cref="ParseAhead"/>) while the staging loop adds what it stages: the owners are only read by then.
    /// </summary>
    public string? StateOf(ParcelRow row) => Usable ? _parsing.Hash(row, _owners.GetValueOrDefault(row.ParcelId)) : null;

    /// <summary>A parcel staged, with its line and <see cref="StateOf(ParcelRow)"/>.</summary>
    public void AddParcel(string parcelId, long line, string? state)
    {
        if (Usable && state is not null)
            _entries.Add((parcelId, line, state));
        else
            Abandon();
    }

    /// <summary>The merge reads the states from the tables. The owners stay: the parsing thread may be reading them.</summary>
    public void Abandon()
    {
        Usable = false;
        _entries.Clear();
    }

    /// <summary>
    /// The entries' payloads, as <see cref="ImportChangesSql.FirstEntries"/> builds them in SQL (json_build_object's
    /// spacing, the operating-system user last), in file order.
    /// </summary>
    public IEnumerable<(string ParcelId, string Payload)> Payloads(long importId)
    {
        _owners.Clear();
        foreach (var (parcelId, line, state) in _entries)
            yield return (parcelId, AuditChain.WithOperatingSystemUserText(string.Create(CultureInfo.InvariantCulture,
                $$"""{"import_id" : {{importId}}, "created" : true, "lines" : [{"file" : "{{InterchangeFiles.Parcels}}", "line" : {{line}}}], "changes" : {}, "state" : "{{state}}"}""")));
    }
}
