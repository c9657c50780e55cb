using Bravais.Diffraction.Datasets;
using Xunit;

namespace Bravais.Diffraction.Tests.Datasets;

public class DatasetShardTests
{
    [Fact]
    public void Hash_is_64_bit_fnv_1a()
    {
        // published FNV-1a 64 test vectors
        Assert.Equal(0xcbf29ce484222325UL, DatasetShard.Hash(""));
        Assert.Equal(0xaf63dc4c8601ec8cUL, DatasetShard.Hash("a"));
        Assert.Equal(0x85944171f73967e8UL, DatasetShard.Hash("foobar"));
    }

    [Fact]
    public void Shards_partition_the_ids_evenly()
    {
        var ids = Enumerable.Range(0, 4000).Select(i => $"mp-{i * 7 + 3}").ToList();
        const int n = 4;
        var counts = new int[n];
        foreach (var id in ids)
        {
            var owners = Enumerable.Range(0, n).Where(i => new DatasetShard(i, n).Contains(id)).ToList();
            Assert.Single(owners);
            counts[owners[0]]++;
        }
        Assert.All(counts, c => Assert.InRange(c, 850, 1150));
        Assert.All(ids, id => Assert.True(DatasetShard.All.Contains(id)));
    }

    [Theory]
    [InlineData("0/1", 0, 1)]
    [InlineData("3/8", 3, 8)]
    public void Parses_i_of_n(string text, int index, int count) => Assert.Equal(new DatasetShard(index, count), DatasetShard.Parse(text));

    [Theory]
    [InlineData("8/8")]
    [InlineData("-1/4")]
    [InlineData("1/0")]
    [InlineData("2")]
    [InlineData("a/b")]
    public void Refuses_bad_shards(string text) => Assert.Throws<DiffractionException>(() => DatasetShard.Parse(text));
}
