// Python classes deriving from the facades' classes, as PyTorch code subclasses nn.Module: the JS
// class calls the Python overrides (forward), finds the layers and parameters Python assigns, and
// isinstance/issubclass work with the facades' classes.
import assert from 'node:assert/strict';
import { LOAD_TIMEOUT, Py } from './helpers.js';

describe('Python cells: subclassing the facades\' classes (class Net(nn.Module))', function () {
  this.timeout(LOAD_TIMEOUT);
  const py = new Py();

  before(async () => {
    await py.ok([
      'import torch',
      'import torch.nn as nn',
      'class Net(nn.Module):',
      '    def __init__(self, hidden):',
      '        super().__init__()',
      '        self.fc1 = nn.Linear(3, hidden)',
      '        self.act = nn.Tanh()',
      '        self.fc2 = nn.Linear(hidden, 1)',
      '        self.shapes = []',
      '    def forward(self, x):',
      '        self.shapes.append(tuple(x.shape))',
      '        return self.fc2(self.act(self.fc1(x)))',
      '_ = torch.manual_seed(0)',
      'net = Net(4)',
    ].join('\n'));
  });

  it("prints as PyTorch prints a module, with its submodules", async () => {
    assert.equal(await py.repr('net'), 'Net(\n  (fc1): Linear(in_features=3, out_features=4, bias=True)\n  (act): Tanh()\n  (fc2): Linear(in_features=4, out_features=1, bias=True)\n)');
  });

  it('calling it runs the Python forward; parameters are found, and backward reaches them', async () => {
    assert.equal(await py.print('out = net(torch.ones(2, 3))\nprint(out.shape, net.shapes)'), 'torch.Size([2, 1]) [(2, 3)]\n');
    assert.equal(await py.print('print([n for n, _ in net.named_parameters()], sum(p.numel() for p in net.parameters()))'),
      "['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc2.bias'] 21\n");
    assert.equal(await py.print('out.sum().backward()\nprint(net.fc2.weight.grad.shape, net.fc1.bias.grad is not None)'), 'torch.Size([1, 4]) True\n');
  });

  it('isinstance and issubclass know the facades\' classes; the module comes back as the Python object', async () => {
    assert.equal(await py.print('print(isinstance(net, nn.Module), issubclass(Net, nn.Module), isinstance(net.fc1, nn.Linear), isinstance(net.fc1, Net))'), 'True True True False\n');
    assert.equal(await py.print('print(list(net.modules())[0] is net, type(list(net.modules())[1]).__name__)'), 'True JsFunction\n');
  });

  it("an exception in forward surfaces with the line that raised it", async () => {
    await py.ok('class Broken(nn.Module):\n    def forward(self, x):\n        raise ValueError("in forward")');
    const r = await py.run('Broken()(torch.ones(1))');
    assert.equal(r.error, 'ValueError: in forward');
    assert.match(r.outcome.status === 'error' ? r.outcome.traceback.join('\n') : '', /line 3, in forward\n    raise ValueError\("in forward"\)/);
  });

  it('a module whose __init__ forgets super().__init__() says so', async () => {
    assert.match(await py.raises('class Forgot(nn.Module):\n    def __init__(self):\n        self.fc = nn.Linear(1, 1)\nForgot()'), /^AttributeError: Forgot\.__init__\(\) has not called super\(\)\.__init__\(\)/);
  });
});
