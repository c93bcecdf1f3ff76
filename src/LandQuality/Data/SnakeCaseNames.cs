using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace LandQuality.Data;

/// <summary>
/// Names every column, key and index in snake_case, so hand-written SQL (COPY, set-wide passes,
/// reports) reads like ordinary PostgreSQL without quoting.
/// </summary>
static class SnakeCaseNames
{
    public static void Apply(ModelBuilder model)
    {
        foreach (var entity in model.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                if (property.IsConcurrencyToken && property.ValueGenerated == ValueGenerated.OnAddOrUpdate)
                    continue; // an IsRowVersion token: Npgsql maps it to the xmin system column
                property.SetColumnName(ToSnake(property.Name));
            }
            foreach (var key in entity.GetKeys())
                if ((key.GetName() ?? key.GetDefaultName()) is { } keyName)
                    key.SetName(ToSnake(keyName));
            foreach (var fk in entity.GetForeignKeys())
                if ((fk.GetConstraintName() ?? fk.GetDefaultName()) is { } fkName)
                    fk.SetConstraintName(ToSnake(fkName));
            foreach (var index in entity.GetIndexes())
                if ((index.GetDatabaseName() ?? index.GetDefaultDatabaseName()) is { } indexName)
                    index.SetDatabaseName(ToSnake(indexName));
        }
    }

    internal static string ToSnake(string name)
    {
        var sb = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && name[i - 1] != '_' && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])
                    || (i + 1 < name.Length && char.IsLower(name[i + 1]) && char.IsUpper(name[i - 1]))))
                    sb.Append('_');
                sb.Append(char.ToLowerInvariant(c));
            }
            else
                sb.Append(c);
        }
        return sb.ToString();
    }
}
