using System.Buffers;
using System.Text;
using AlmaIntegrationKit.Xml;

namespace AlmaIntegrationKit.Tests.Xml;

/// <summary>The emitter over an <see cref="IBufferWriter{T}"/>, as the generated record writer uses it.</summary>
public sealed class AlmaXmlEmitterBufferWriterTests
{
    [Fact]
    public void A_record_larger_than_the_emitters_buffer_arrives_whole_when_kept()
    {
        var output = new ArrayBufferWriter<byte>();
        var expected = new StringBuilder("<r>");
        using (var emitter = new AlmaXmlEmitter(output))
        {
            emitter.BeginRecord();
            emitter.Raw("<r>"u8);
            for (var i = 0; i < 20_000; i++)
            {
                Assert.True(emitter.TextElement("<v>"u8, "</v>"u8, $"value-{i} & more"));
                expected.Append($"<v>value-{i} &amp; more</v>");
            }

            emitter.Raw("</r>"u8);
            emitter.EndRecord();
        }

        Assert.Equal(expected.Append("</r>").ToString(), Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void An_aborted_record_leaves_nothing_in_the_output_even_past_the_emitters_buffer()
    {
        var output = new ArrayBufferWriter<byte>();
        using (var emitter = new AlmaXmlEmitter(output))
        {
            emitter.BeginRecord();
            emitter.Raw("<kept/>"u8);
            emitter.EndRecord();
            emitter.BeginRecord();
            for (var i = 0; i < 20_000; i++)
                emitter.TextElement("<v>"u8, "</v>"u8, $"value-{i}");
            Assert.False(emitter.TextElement("<v>"u8, "</v>"u8, "bell \u0007"));
            emitter.AbortRecord();
        }

        Assert.Equal("<kept/>", Encoding.UTF8.GetString(output.WrittenSpan));
    }

    [Fact]
    public void Bytes_reach_the_output_on_flush_and_dispose_only()
    {
        var output = new ArrayBufferWriter<byte>();
        var emitter = new AlmaXmlEmitter(output);
        emitter.Raw("<a>"u8);
        Assert.Equal(0, output.WrittenCount);

        emitter.Flush();
        Assert.Equal("<a>", Encoding.UTF8.GetString(output.WrittenSpan));

        emitter.Raw("</a>"u8);
        emitter.Dispose();
        Assert.Equal("<a></a>", Encoding.UTF8.GetString(output.WrittenSpan));
    }
}
