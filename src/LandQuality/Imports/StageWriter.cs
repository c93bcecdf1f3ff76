using LandQuality.Interchange;
using Npgsql;

namespace LandQuality.Imports;

/// <summary>Parses the records of one file, and writes a parsed row to that file's staging table.</summary>
sealed class StageWriter
{
    readonly Func<CsvRecord, (object? Row, RowError? Error)> _parse;
    readonly Func<object, string> _key;
    readonly Action<NpgsqlBinaryImporter, long, object> _write;

    StageWriter(string copySql, string keyColumn, bool grouped, Func<CsvRecord, (object?, RowError?)> parse, Func<object, string> key,
        Action<NpgsqlBinaryImporter, long, object> write)
    {
        (CopySql, KeyColumn, Grouped) = (copySql, keyColumn, grouped);
        (_parse, _key, _write) = (parse, key, write);
    }

    public string CopySql { get; }

    /// <summary>The column that identifies what a row describes: a parcel, or a registry record.</summary>
    public string KeyColumn { get; }

    /// <summary>Owners: many rows per key, each parcel's rows replaced together (an owner's number is its order among them).</summary>
    public bool Grouped { get; }

    /// <summary>The parsed row and its key, or why the record was refused.</summary>
    public object? Parse(CsvRecord record, out string? key, out RowError? error)
    {
        var (row, why) = _parse(record);
        error = why;
        key = row is null ? null : _key(row);
        return row;
    }

    public void Write(NpgsqlBinaryImporter copy, long line, object row) => _write(copy, line, row);

    public static StageWriter For(string fileName, CsvHeader header)
    {
        switch (fileName)
        {
            case InterchangeFiles.Parcels:
            {
                var parser = new ParcelRowParser(header);
                return new(StagingTables.CopyParcels, "parcel_id", false, r => (parser.Parse(r, out var e), e), row => ((ParcelRow)row).ParcelId,
                    (copy, line, row) => StagingTables.Write(copy, line, (ParcelRow)row));
            }
            case InterchangeFiles.Owners:
            {
                var parser = new OwnerRowParser(header);
                return new(StagingTables.CopyOwners, "parcel_id", true, r => (parser.Parse(r, out var e), e), row => ((OwnerRow)row).ParcelId,
                    (copy, line, row) => StagingTables.Write(copy, line, (OwnerRow)row));
            }
            default:
            {
                var parser = new PopulationRowParser(header);
                return new(StagingTables.CopyPopulation, "id_number", false, r => (parser.Parse(r, out var e), e), row => ((PopulationRow)row).IdNumber,
                    (copy, line, row) => StagingTables.Write(copy, line, (PopulationRow)row));
            }
        }
    }
}
