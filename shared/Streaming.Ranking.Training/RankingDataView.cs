using Microsoft.ML;
using Microsoft.ML.Data;

namespace Streaming.Ranking.Training;

/// <summary>Turns ranking groups into the IDataView FastTree ranking expects (Label, GroupId key, Features vector).</summary>
internal static class RankingDataView
{
    public static IDataView Create(MLContext ml, IReadOnlyList<RankingGroup> groups, int featureCount)
    {
        var rows = new List<RankingRow>();
        for (var g = 0; g < groups.Count; g++)
        {
            var group = groups[g];
            for (var r = 0; r < group.RowCount; r++)
            {
                rows.Add(new RankingRow { Label = group.Labels[r], GroupId = (uint)(g + 1), Features = group.Row(r).ToArray() });
            }
        }

        // The vector size and key range are only known at run time, so they go in a schema definition.
        var schema = SchemaDefinition.Create(typeof(RankingRow));
        schema[nameof(RankingRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, featureCount);
        schema[nameof(RankingRow.GroupId)].ColumnType = new KeyDataViewType(typeof(uint), Math.Max(groups.Count, 1));
        return ml.Data.LoadFromEnumerable(rows, schema);
    }
}
