import { render } from 'preact';
import { Options } from './Options';
import '../../assets/ui.css';

render(<Options />, document.getElementById('app')!);
