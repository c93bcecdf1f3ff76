using LandQuality.Interchange;
using Npgsql;

namespace LandQuality.Imports;

/// <summary>Parses one record of a given file and writes it to that file's staging table.</summary>
sealed class StageWriter
{
    readonly Func<NpgsqlBinaryImporter, CsvRecord, RowError?> _write;

    StageWriter(string copySql, Func<NpgsqlBinaryImporter, CsvRecord, RowError?> write)
    {
        CopySql = copySql;
        _write = write;
    }

    public string CopySql { get; }

    /// <summary>Writes the record, or returns why it was refused.</summary>
    public RowError? Write(NpgsqlBinaryImporter copy, CsvRecord record) => _write(copy, record);

    public static StageWriter For(string fileName, CsvHeader header)
    {
        switch (fileName)
        {
            case InterchangeFiles.Parcels:
            {
                var parser = new ParcelRowParser(header);
                return new(StagingTables.CopyParcels, (copy, record) =>
                {
                    if (parser.Parse(record, out var error) is { } row)
                        StagingTables.Write(copy, record.FirstLine, row);
                    return error;
                });
            }
            case InterchangeFiles.Owners:
            {
                var parser = new OwnerRowParser(header);
                return new(StagingTables.CopyOwners, (copy, record) =>
                {
                    if (parser.Parse(record, out var error) is { } row)
                        StagingTables.Write(copy, record.FirstLine, row);
                    return error;
                });
            }
            default:
            {
                var parser = new PopulationRowParser(header);
                return new(StagingTables.CopyPopulation, (copy, record) =>
                {
                    if (parser.Parse(record, out var error) is { } row)
                        StagingTables.Write(copy, record.FirstLine, row);
                    return error;
                });
            }
        }
    }
}
