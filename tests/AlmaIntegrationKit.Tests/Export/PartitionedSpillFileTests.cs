using AlmaIntegrationKit.Export;

namespace AlmaIntegrationKit.Tests.Export;

/// <summary>The spill file behind the per-person tables: every partition reads back exactly what was appended, in order.</summary>
public sealed class PartitionedSpillFileTests
{
    [Theory]
    [InlineData(1, 17)]     // one partition, one entry a block
    [InlineData(8, 64)]     // entries larger than a block are blocks of their own
    [InlineData(64, 4096)]
    public void Every_partition_reads_back_what_was_appended_in_order_between_appends_too(int partitions, int blockBytes)
    {
        var random = new Random(partitions * 31 + blockBytes);
        var expected = Enumerable.Range(0, partitions).Select(_ => new List<byte>()).ToArray();
        using var spill = new PartitionedSpillFile(partitions, blockBytes);
        var buffer = Array.Empty<byte>();
        for (var i = 0; i < 20_000; i++)
        {
            var partition = random.Next(partitions);
            var entry = new byte[random.Next(10) == 0 ? random.Next(1, 300) : random.Next(1, 24)];
            random.NextBytes(entry);
            spill.Append(partition, entry);
            expected[partition].AddRange(entry);

            if (i % 997 == 0)
            {
                var probe = random.Next(partitions);
                Assert.Equal(expected[probe], spill.Read(probe, ref buffer).ToArray());
            }
        }

        for (var partition = 0; partition < partitions; partition++)
        {
            Assert.Equal(expected[partition].Count, spill.LengthOf(partition));
            Assert.Equal(expected[partition], spill.Read(partition, ref buffer).ToArray());
        }
    }

    [Fact]
    public void An_empty_partition_reads_back_empty_and_the_file_goes_when_disposed()
    {
        var spill = new PartitionedSpillFile(4, 64);
        var buffer = Array.Empty<byte>();
        spill.Append(1, [1, 2, 3]);

        Assert.True(spill.Read(0, ref buffer).IsEmpty);
        Assert.Equal([1, 2, 3], spill.Read(1, ref buffer).ToArray());
        Assert.Equal(OperatingSystem.IsWindows(), File.Exists(spill.Path)); // on Unix the name goes at once: a killed run leaves nothing
        spill.Dispose();
        Assert.False(File.Exists(spill.Path));
    }

    [Fact]
    public void The_number_of_partitions_must_be_a_power_of_two()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PartitionedSpillFile(3, 64));
    }
}
